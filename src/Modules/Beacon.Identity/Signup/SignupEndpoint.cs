using System.ComponentModel.DataAnnotations;
using Beacon.Contracts.Identity;
using Beacon.Identity.Passwords;
using Beacon.Identity.Sessions;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Http;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Beacon.Identity.Signup;

internal sealed record SignupRequest(
    [property: Required, StringLength(120, MinimumLength = 2), NoControlCharacters] string BrokerageName,
    [property: Required, StringLength(120, MinimumLength = 1), NoControlCharacters] string DisplayName,
    [property: Required, EmailAddress, StringLength(254), NoControlCharacters] string Email,
    [property: Required, StringLength(PasswordService.MaxLength), NoControlCharacters] string Password);

/// <summary>A new brokerage: its tenant, its owner, and a first session for the owner.</summary>
internal static class SignupEndpoint
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder auth) => auth.MapPost("/signup", HandleAsync)
        .WithName("Signup")
        .WithSummary("Create a brokerage (tenant) and its owner, and sign the owner in.");

    private static async Task<Results<Created<TokenResponse>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        SignupRequest request, Db db, PasswordService passwords, SessionService sessions, TimeProvider clock,
        CancellationToken ct)
    {
        var email = EmailAddresses.Normalise(request.Email);
        if (PasswordService.Weakness(request.Password, email, request.BrokerageName) is { } weakness)
        {
            return ProblemResults.Field("password", weakness);
        }

        var hash = passwords.Hash(request.Password);
        var tenantId = Guid.CreateVersion7();
        var userId = Guid.CreateVersion7();
        var now = clock.GetUtcNow();
        await using var tx = await db.BeginAsync(tenantId, ct);
        var claimed = await tx.Connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT identity.claim_email(@email, @tenantId, @userId)", new { email, tenantId, userId }, tx.Transaction,
            cancellationToken: ct));
        if (!claimed)
        {
            return ProblemResults.Conflict("An account with this e-mail address exists.", "Sign in instead, or use another address.");
        }

        await tx.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO identity.tenants (tenant_id, name, created_at) VALUES (@tenantId, @name, @now);
            INSERT INTO identity.users (tenant_id, id, email, display_name, password_hash, role, created_at)
            VALUES (@tenantId, @userId, @email, @displayName, @hash, 'owner', @now);
            """, new { tenantId, userId, name = request.BrokerageName.Trim(), email, displayName = request.DisplayName.Trim(), hash, now },
            tx.Transaction, cancellationToken: ct));
        tx.Publish(new TenantCreated(Guid.CreateVersion7(), tenantId, now, request.BrokerageName.Trim(), userId));
        tx.Publish(new UserJoined(Guid.CreateVersion7(), tenantId, now, userId, email, request.DisplayName.Trim(), Roles.Owner, null));
        var tokens = await sessions.StartAsync(tx, userId, Roles.Owner, securityStamp: 1, ct);
        await tx.CommitAsync(ct);
        return TypedResults.Created("/api/v1/me", tokens);
    }
}
