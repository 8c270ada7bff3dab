using System.ComponentModel.DataAnnotations;
using Beacon.Contracts.Identity;
using Beacon.Identity.Passwords;
using Beacon.Identity.Sessions;
using Beacon.Identity.Tokens;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Http;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Beacon.Identity.Invitations;

internal sealed record AcceptInvitationRequest(
    [property: Required, StringLength(200), NoControlCharacters] string Token,
    [property: Required, StringLength(120, MinimumLength = 1), NoControlCharacters] string DisplayName,
    [property: Required, StringLength(PasswordService.MaxLength), NoControlCharacters] string Password);

internal static class AcceptInvitationEndpoint
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder auth) => auth.MapPost("/accept-invitation", HandleAsync)
        .WithName("AcceptInvitation")
        .WithSummary("Join a brokerage with an invitation token: creates the user and signs them in.");

    private static async Task<Results<Created<TokenResponse>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        AcceptInvitationRequest request, Db db, PasswordService passwords, SessionService sessions, TimeProvider clock,
        CancellationToken ct)
    {
        if (!SecretToken.TryParse(request.Token, SecretToken.InvitationPrefix, out var tenantId))
        {
            return ProblemResults.Field("token", "The invitation token is not valid.");
        }

        var now = clock.GetUtcNow();
        await using var tx = await db.BeginAsync(tenantId, ct);
        var invitation = await tx.Connection.QuerySingleOrDefaultAsync<Invitation>(new CommandDefinition("""
            SELECT i.id, i.email, i.role, i.team_id AS TeamId, t.name AS BrokerageName
              FROM identity.invitations i JOIN identity.tenants t ON t.tenant_id = i.tenant_id
             WHERE i.tenant_id = @tenantId AND i.token_hash = @hash AND i.accepted_at IS NULL AND i.revoked_at IS NULL
               AND i.expires_at > @now
             FOR UPDATE OF i
            """, new { tenantId, hash = SecretToken.Hash(request.Token), now }, tx.Transaction, cancellationToken: ct));
        if (invitation is null)
        {
            return ProblemResults.Field("token", "The invitation is unknown, expired, withdrawn or already used.");
        }

        if (PasswordService.Weakness(request.Password, invitation.Email, invitation.BrokerageName) is { } weakness)
        {
            return ProblemResults.Field("password", weakness);
        }

        var userId = Guid.CreateVersion7();
        if (!await tx.Connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                "SELECT identity.claim_email(@email, @tenantId, @userId)", new { invitation.Email, tenantId, userId },
                tx.Transaction, cancellationToken: ct)))
        {
            return ProblemResults.Conflict("An account with this e-mail address exists.");
        }

        await tx.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO identity.users (tenant_id, id, email, display_name, password_hash, role, team_id, created_at)
            VALUES (@tenantId, @userId, @Email, @name, @hash, @Role, @TeamId, @now);
            UPDATE identity.invitations SET accepted_at = @now WHERE tenant_id = @tenantId AND id = @Id;
            """, new
        {
            tenantId,
            userId,
            invitation.Email,
            name = request.DisplayName.Trim(),
            hash = passwords.Hash(request.Password),
            invitation.Role,
            invitation.TeamId,
            now,
            invitation.Id,
        }, tx.Transaction, cancellationToken: ct));
        tx.Publish(new UserJoined(Guid.CreateVersion7(), tenantId, now, userId, invitation.Email, request.DisplayName.Trim(),
            invitation.Role, invitation.TeamId));
        var tokens = await sessions.StartAsync(tx, userId, invitation.Role, 1, ct);
        await tx.CommitAsync(ct);
        return TypedResults.Created("/api/v1/me", tokens);
    }

    private sealed record Invitation(Guid Id, string Email, string Role, Guid? TeamId, string BrokerageName);
}
