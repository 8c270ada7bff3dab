using System.ComponentModel.DataAnnotations;
using Beacon.Identity.Confirmation;
using Beacon.Identity.Passwords;
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

internal sealed record AcceptInvitationRequest(
    [property: Required, StringLength(200), NoControlCharacters] string Token,
    [property: Required, StringLength(120, MinimumLength = 1), NoControlCharacters] string DisplayName,
    [property: Required, StringLength(PasswordService.MaxLength), NoControlCharacters] string Password);

/// <summary>
/// Accepts an invitation. The inviting admin holds the token too, so the answer must not tell whether the invited
/// address has an account elsewhere (ADR 0009): either way it is 202, and the mailbox gets a confirmation link (new
/// address; confirming creates the user) or "you already have an account".
/// </summary>
internal static class AcceptInvitationEndpoint
{
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder auth) => auth.MapPost("/accept-invitation", HandleAsync)
        .NotAudited("records a pending acceptance and e-mails a link; the confirmation creates the user and is audited")
        .WithName("AcceptInvitation")
        .WithSummary("Accept an invitation: e-mails the invited address a confirmation link; the same answer whether or not it has an account.");

    private static async Task<Results<Accepted<ConfirmationSent>, ValidationProblem>> HandleAsync(
        AcceptInvitationRequest request, Db db, PasswordService passwords, AccountConfirmations confirmations, TimeProvider clock,
        CancellationToken ct)
    {
        if (!SecretToken.TryParse(request.Token, SecretToken.InvitationPrefix, out var tenantId))
        {
            return ProblemResults.Field("token", "The invitation token is not valid.");
        }

        await using var tx = await db.BeginAsync(tenantId, ct);
        var invitation = await tx.Connection.QuerySingleOrDefaultAsync<Invitation>(new CommandDefinition("""
            SELECT i.id, i.email, t.name AS BrokerageName
              FROM identity.invitations i JOIN identity.tenants t ON t.tenant_id = i.tenant_id
             WHERE i.tenant_id = @tenantId AND i.token_hash = @hash AND i.accepted_at IS NULL AND i.revoked_at IS NULL
               AND i.expires_at > @now
            """, new { tenantId, hash = SecretToken.Hash(request.Token), now = clock.GetUtcNow() }, tx.Transaction,
            cancellationToken: ct));
        if (invitation is null)
        {
            return ProblemResults.Field("token", "The invitation is unknown, expired, withdrawn or already used.");
        }

        if (PasswordService.Weakness(request.Password, invitation.Email, invitation.BrokerageName) is { } weakness)
        {
            return ProblemResults.Field("password", weakness);
        }

        // Hashed whether or not the address is registered, so the time taken does not tell either.
        var hash = passwords.Hash(request.Password);
        if (await AccountConfirmations.IsRegisteredAsync(tx, invitation.Email, ct))
        {
            confirmations.TellAlreadyRegistered(tx, invitation.Email,
                $"You were invited to join \"{invitation.BrokerageName}\" on Beacon");
        }
        else
        {
            await confirmations.AwaitConfirmationAsync(tx,
                new PendingAccount(invitation.Email, request.DisplayName.Trim(), hash, null, invitation.Id),
                SecretToken.InvitationConfirmationPrefix, "/accept-invitation/confirm",
                $"You accepted the invitation to join \"{invitation.BrokerageName}\" on Beacon.", ct);
        }

        await tx.CommitAsync(ct);
        return TypedResults.Accepted((string?)null, ConfirmationSent.Instance);
    }

    private sealed record Invitation(Guid Id, string Email, string BrokerageName);
}
