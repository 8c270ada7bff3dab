using Beacon.Contracts.Identity;
using Beacon.Identity.Confirmation;
using Beacon.Identity.Sessions;
using Beacon.Identity.Tokens;
using Beacon.SharedKernel.Auditing;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Http;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Beacon.Identity.Signup;

/// <summary>A confirmed signup: its tenant, its owner, and a first session for the owner.</summary>
internal static class ConfirmSignupEndpoint
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder auth) => auth.MapPost("/signup/confirm", HandleAsync)
        .WithName("ConfirmSignup")
        .WithSummary("Confirm a signup with the e-mailed token (which proves the address is the owner's): creates the brokerage and its owner, and signs the owner in.");

    private static async Task<Results<Created<TokenResponse>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        ConfirmRequest request, Db db, SessionService sessions, TimeProvider clock, CancellationToken ct)
    {
        if (!SecretToken.TryParse(request.Token, SecretToken.SignupConfirmationPrefix, out var tenantId))
        {
            return ProblemResults.Field("token", AccountConfirmations.InvalidToken);
        }

        var now = clock.GetUtcNow();
        await using var tx = await db.BeginAsync(tenantId, ct);
        if (await AccountConfirmations.TakeAsync(tx, request.Token, signup: true, now, ct) is not { BrokerageName: { } name } pending)
        {
            return ProblemResults.Field("token", AccountConfirmations.InvalidToken);
        }

        var userId = Guid.CreateVersion7();
        if (!await AccountConfirmations.ClaimEmailAsync(tx, pending.Email, userId, ct))
        {
            // Registered since the link was sent. Only the mailbox's owner holds the token, so saying so leaks nothing.
            return ProblemResults.Conflict("An account with this e-mail address exists.", "Sign in instead.");
        }

        await tx.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO identity.tenants (tenant_id, name, created_at) VALUES (@tenantId, @name, @now);
            INSERT INTO identity.users (tenant_id, id, email, display_name, password_hash, role, created_at)
            VALUES (@tenantId, @userId, @Email, @DisplayName, @PasswordHash, 'owner', @now);
            """, new { tenantId, userId, name, pending.Email, pending.DisplayName, pending.PasswordHash, now },
            tx.Transaction, cancellationToken: ct));
        tx.Publish(new TenantCreated(Guid.CreateVersion7(), tenantId, now, name, userId));
        tx.Publish(new UserJoined(Guid.CreateVersion7(), tenantId, now, userId, pending.Email, pending.DisplayName, Roles.Owner, null));
        AuditScope.Current?.IdentifyActor(AuditActorKinds.User, userId);
        var tokens = await sessions.StartAsync(tx, userId, Roles.Owner, securityStamp: 1, ct);
        await tx.CommitAsync(ct);
        return TypedResults.Created("/api/v1/me", tokens);
    }
}
