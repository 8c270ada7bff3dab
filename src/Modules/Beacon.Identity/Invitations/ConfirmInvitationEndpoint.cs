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

namespace Beacon.Identity.Invitations;

/// <summary>A confirmed acceptance: the user joins the inviting brokerage and is signed in.</summary>
internal static class ConfirmInvitationEndpoint
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder auth) => auth.MapPost("/accept-invitation/confirm", HandleAsync)
        .WithName("ConfirmInvitation")
        .WithSummary("Confirm an accepted invitation with the e-mailed token: creates the user in the brokerage and signs them in.");

    private static async Task<Results<Created<TokenResponse>, ValidationProblem, ProblemHttpResult>> HandleAsync(
        ConfirmRequest request, Db db, SessionService sessions, TimeProvider clock, CancellationToken ct)
    {
        if (!SecretToken.TryParse(request.Token, SecretToken.InvitationConfirmationPrefix, out var tenantId))
        {
            return ProblemResults.Field("token", AccountConfirmations.InvalidToken);
        }

        var now = clock.GetUtcNow();
        await using var tx = await db.BeginAsync(tenantId, ct);
        var pending = await AccountConfirmations.TakeAsync(tx, request.Token, signup: false, now, ct);
        // The invitation may have been withdrawn, have expired or been used (another link of it) since.
        var invitation = pending is null ? null : await tx.Connection.QuerySingleOrDefaultAsync<Invitation>(new CommandDefinition("""
            SELECT id, role, team_id AS TeamId FROM identity.invitations
             WHERE tenant_id = @tenantId AND id = @InvitationId AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > @now
             FOR UPDATE
            """, new { tenantId, pending.InvitationId, now }, tx.Transaction, cancellationToken: ct));
        if (pending is null || invitation is null)
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
            INSERT INTO identity.users (tenant_id, id, email, display_name, password_hash, role, team_id, created_at)
            VALUES (@tenantId, @userId, @Email, @DisplayName, @PasswordHash, @Role, @TeamId, @now);
            UPDATE identity.invitations SET accepted_at = @now WHERE tenant_id = @tenantId AND id = @Id;
            """, new
        {
            tenantId,
            userId,
            pending.Email,
            pending.DisplayName,
            pending.PasswordHash,
            invitation.Role,
            invitation.TeamId,
            now,
            invitation.Id,
        }, tx.Transaction, cancellationToken: ct));
        tx.Publish(new UserJoined(Guid.CreateVersion7(), tenantId, now, userId, pending.Email, pending.DisplayName,
            invitation.Role, invitation.TeamId));
        AuditScope.Current?.IdentifyActor(AuditActorKinds.User, userId);
        var tokens = await sessions.StartAsync(tx, userId, invitation.Role, 1, ct);
        await tx.CommitAsync(ct);
        return TypedResults.Created("/api/v1/me", tokens);
    }

    private sealed record Invitation(Guid Id, string Role, Guid? TeamId);
}
