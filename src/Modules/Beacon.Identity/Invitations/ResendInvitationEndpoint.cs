using System.Security.Claims;
using Beacon.Identity.Tokens;
using Beacon.Identity.Users;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Http;
using Beacon.SharedKernel.Tenancy;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Beacon.Identity.Invitations;

/// <summary>
/// Sends an open invitation again with a new link and a new expiry. The old link stops working: an e-mail that went
/// astray (the usual reason to resend) must not stay usable.
/// </summary>
internal static class ResendInvitationEndpoint
{
    public static void Map(RouteGroupBuilder invitations) => invitations.MapPost("/{id:guid}/resend", HandleAsync)
        .WithName("ResendInvitation")
        .WithSummary("E-mail an open invitation again with a new link (the old one stops working) and a new expiry.");

    private static async Task<Results<Ok<CreatedInvitationResponse>, NotFound, ProblemHttpResult>> HandleAsync(
        Guid id, ClaimsPrincipal actor, Db db, TimeProvider clock, IOptions<AuthOptions> options, CancellationToken ct)
    {
        var tenant = actor.TenantId();
        await using var tx = await db.BeginAsync(tenant, ct);
        var role = await tx.Connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition("""
            SELECT role FROM identity.invitations
             WHERE tenant_id = @tenant AND id = @id AND accepted_at IS NULL AND revoked_at IS NULL FOR UPDATE
            """, new { tenant, id }, tx.Transaction, cancellationToken: ct));
        if (role is null)
        {
            return TypedResults.NotFound();
        }

        // As when inviting: nobody resends an invitation for a role they could not grant.
        if (!RoleRules.CanGrant(actor.Role(), role))
        {
            return ProblemResults.Forbidden("Your role cannot invite someone with this role.");
        }

        var token = SecretToken.Create(SecretToken.InvitationPrefix, tenant);
        var now = clock.GetUtcNow();
        var invitation = await tx.Connection.QuerySingleAsync<InvitationResponse>(new CommandDefinition($"""
            UPDATE identity.invitations SET token_hash = @hash, expires_at = @expires
             WHERE tenant_id = @tenant AND id = @id RETURNING {InvitationEndpoints.Columns}
            """, new { tenant, id, hash = SecretToken.Hash(token), expires = now + options.Value.InvitationLifetime },
            tx.Transaction, cancellationToken: ct));
        await InvitationMail.EnqueueAsync(tx, options.Value.PublicUrl, actor.UserId(), invitation.Email, invitation.Role, token,
            invitation.ExpiresAt, ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(new CreatedInvitationResponse(invitation, token));
    }
}
