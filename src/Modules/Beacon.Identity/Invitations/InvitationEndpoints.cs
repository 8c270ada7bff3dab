using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Beacon.Contracts.Identity;
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

internal sealed record InviteRequest(
    [property: Required, EmailAddress, StringLength(254), NoControlCharacters] string Email,
    [property: Required, AllowedValues(Roles.Admin, Roles.TeamLead, Roles.Agent, Roles.ReadOnly)] string Role,
    Guid? TeamId);

internal sealed record InvitationResponse(Guid Id, string Email, string Role, Guid? TeamId, DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt, DateTimeOffset? AcceptedAt, DateTimeOffset? RevokedAt);

/// <summary>The one answer that carries the invitation's secret; lists never show it again.</summary>
internal sealed record CreatedInvitationResponse(InvitationResponse Invitation, string Token);

internal static class InvitationEndpoints
{
    public const string Columns = """
        id, email, role, team_id AS TeamId, created_at AS CreatedAt, expires_at AS ExpiresAt, accepted_at AS AcceptedAt, revoked_at AS RevokedAt
        """;

    public static void Map(IEndpointRouteBuilder api)
    {
        var invitations = api.MapGroup("/users/invitations").WithTags("Users").RequireAuthorization(Policies.Admin);
        invitations.MapPost("/", CreateAsync).WithName("InviteUser")
            .WithSummary("Invite someone by e-mail with a role and team: e-mails them the accept link; the answer holds its token too.");
        invitations.MapGet("/", ListAsync).WithName("ListInvitations").WithSummary("Invitations of the tenant.");
        invitations.MapDelete("/{id:guid}", RevokeAsync).WithName("RevokeInvitation").WithSummary("Withdraw an invitation.");
        ResendInvitationEndpoint.Map(invitations);
    }

    private static async Task<Results<Created<CreatedInvitationResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        InviteRequest request, ClaimsPrincipal actor, Db db, TimeProvider clock, IOptions<AuthOptions> options, CancellationToken ct)
    {
        if (!RoleRules.CanGrant(actor.Role(), request.Role))
        {
            return ProblemResults.Forbidden("Your role cannot invite someone with this role.");
        }

        var tenant = actor.TenantId();
        var token = SecretToken.Create(SecretToken.InvitationPrefix, tenant);
        var now = clock.GetUtcNow();
        await using var tx = await db.BeginAsync(tenant, ct);
        if (request.TeamId is { } team && !await tx.Connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                "SELECT EXISTS (SELECT 1 FROM identity.teams WHERE tenant_id = @tenant AND id = @team)",
                new { tenant, team }, tx.Transaction, cancellationToken: ct)))
        {
            return ProblemResults.Field("teamId", "No such team.");
        }

        var created = await tx.Connection.QuerySingleAsync<InvitationResponse>(new CommandDefinition($"""
            INSERT INTO identity.invitations (tenant_id, id, email, role, team_id, token_hash, invited_by, created_at, expires_at)
            VALUES (@tenant, @id, @email, @role, @team, @hash, @by, @now, @expires) RETURNING {Columns}
            """, new
        {
            tenant,
            id = Guid.CreateVersion7(),
            email = EmailAddresses.Normalise(request.Email),
            role = request.Role,
            team = request.TeamId,
            hash = SecretToken.Hash(token),
            by = actor.UserId(),
            now,
            expires = now + options.Value.InvitationLifetime,
        }, tx.Transaction, cancellationToken: ct));
        await InvitationMail.EnqueueAsync(tx, options.Value.PublicUrl, actor.UserId(), created.Email, created.Role, token,
            created.ExpiresAt, ct);
        await tx.CommitAsync(ct);
        return TypedResults.Created($"/api/v1/users/invitations/{created.Id}", new CreatedInvitationResponse(created, token));
    }

    private static async Task<Ok<IEnumerable<InvitationResponse>>> ListAsync(ClaimsPrincipal actor, Db db, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(actor.TenantId(), ct);
        return TypedResults.Ok(await conn.QueryAsync<InvitationResponse>(new CommandDefinition(
            $"SELECT {Columns} FROM identity.invitations WHERE tenant_id = @tenant ORDER BY created_at DESC",
            new { tenant = actor.TenantId() }, cancellationToken: ct)));
    }

    private static async Task<Results<NoContent, NotFound>> RevokeAsync(Guid id, ClaimsPrincipal actor, Db db, TimeProvider clock,
        CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(actor.TenantId(), ct);
        var count = await conn.ExecuteAsync(new CommandDefinition("""
            UPDATE identity.invitations SET revoked_at = coalesce(revoked_at, @now)
             WHERE tenant_id = @tenant AND id = @id AND accepted_at IS NULL
            """, new { tenant = actor.TenantId(), id, now = clock.GetUtcNow() }, cancellationToken: ct));
        return count == 0 ? TypedResults.NotFound() : TypedResults.NoContent();
    }
}
