using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Beacon.Contracts.Identity;
using Beacon.Identity.Authentication;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Http;
using Beacon.SharedKernel.Tenancy;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Beacon.Identity.Users;

internal sealed record UserResponse(Guid Id, string Email, string DisplayName, string Role, Guid? TeamId, bool Active,
    DateTimeOffset CreatedAt, DateTimeOffset? LastLoginAt);

internal sealed record UpdateUserRequest(
    [property: StringLength(120, MinimumLength = 1), NoControlCharacters] string? DisplayName,
    [property: AllowedValues(null, Roles.Owner, Roles.Admin, Roles.TeamLead, Roles.Agent, Roles.ReadOnly)] string? Role,
    Guid? TeamId,
    bool? Active);

internal static class UserEndpoints
{
    private const string Columns = """
        id, email, display_name AS DisplayName, role, team_id AS TeamId, active, created_at AS CreatedAt, last_login_at AS LastLoginAt
        """;

    public static void Map(IEndpointRouteBuilder api)
    {
        var users = api.MapGroup("/users").WithTags("Users");
        users.MapGet("/", ListAsync).RequireAuthorization(Policies.TeamLead)
            .WithName("ListUsers").WithSummary("The tenant's users.");
        users.MapGet("/{id:guid}", GetAsync).RequireAuthorization(Policies.TeamLead)
            .WithName("GetUser").WithSummary("One user of the tenant.");
        users.MapPatch("/{id:guid}", UpdateAsync).RequireAuthorization(Policies.Admin)
            .WithName("UpdateUser").WithSummary("Rename, change role or team, deactivate or reactivate a user.");
    }

    private static async Task<Ok<IEnumerable<UserResponse>>> ListAsync(ClaimsPrincipal user, Db db, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(user.TenantId(), ct);
        var rows = await conn.QueryAsync<UserResponse>(new CommandDefinition(
            $"SELECT {Columns} FROM identity.users WHERE tenant_id = @tenant ORDER BY display_name, id",
            new { tenant = user.TenantId() }, cancellationToken: ct));
        return TypedResults.Ok(rows);
    }

    private static async Task<Results<Ok<UserResponse>, NotFound>> GetAsync(Guid id, ClaimsPrincipal user, Db db, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(user.TenantId(), ct);
        var row = await conn.QuerySingleOrDefaultAsync<UserResponse>(new CommandDefinition(
            $"SELECT {Columns} FROM identity.users WHERE tenant_id = @tenant AND id = @id",
            new { tenant = user.TenantId(), id }, cancellationToken: ct));
        return row is null ? TypedResults.NotFound() : TypedResults.Ok(row);
    }

    private static async Task<Results<Ok<UserResponse>, NotFound, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        Guid id, UpdateUserRequest request, ClaimsPrincipal actor, Db db, PrincipalCache principals, TimeProvider clock,
        CancellationToken ct)
    {
        var tenant = actor.TenantId();
        await using var tx = await db.BeginAsync(tenant, ct);
        var target = await tx.Connection.QuerySingleOrDefaultAsync<UserResponse>(new CommandDefinition(
            $"SELECT {Columns} FROM identity.users WHERE tenant_id = @tenant AND id = @id FOR UPDATE",
            new { tenant, id }, tx.Transaction, cancellationToken: ct));
        if (target is null)
        {
            return TypedResults.NotFound();
        }

        if (!RoleRules.CanManage(actor.Role(), target.Role) || (request.Role is { } r && !RoleRules.CanGrant(actor.Role(), r)))
        {
            return ProblemResults.Forbidden("Your role cannot manage this user or grant this role.");
        }

        if (request.TeamId is { } team && !await tx.Connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                "SELECT EXISTS (SELECT 1 FROM identity.teams WHERE tenant_id = @tenant AND id = @team)",
                new { tenant, team }, tx.Transaction, cancellationToken: ct)))
        {
            return ProblemResults.Field("teamId", "No such team.");
        }

        var role = request.Role ?? target.Role;
        var active = request.Active ?? target.Active;
        if (target.Role == Roles.Owner && (role != Roles.Owner || !active) && await ActiveOwnersAsync(tx, ct) <= 1)
        {
            return ProblemResults.Conflict("A brokerage keeps at least one active owner.",
                "This is its only active owner: make another user an owner first, then change this one.");
        }

        var updated = await tx.Connection.QuerySingleAsync<UserResponse>(new CommandDefinition($"""
            UPDATE identity.users SET display_name = @name, role = @role, team_id = @team, active = @active
             WHERE tenant_id = @tenant AND id = @id RETURNING {Columns}
            """, new { tenant, id, name = request.DisplayName?.Trim() ?? target.DisplayName, role, team = request.TeamId ?? target.TeamId, active },
            tx.Transaction, cancellationToken: ct));
        // A team's lead leads it only while an active member of it with the role for it.
        await tx.Connection.ExecuteAsync(new CommandDefinition("""
            UPDATE identity.teams SET lead_user_id = NULL
             WHERE tenant_id = @tenant AND lead_user_id = @id
               AND (NOT @active OR @team IS NULL OR id <> @team OR @role NOT IN ('team_lead', 'admin', 'owner'))
            """, new { tenant, id, active = updated.Active, team = updated.TeamId, role = updated.Role }, tx.Transaction, cancellationToken: ct));
        IEnumerable<byte[]> revokedKeys = [];
        if (!active)
        {
            // A deactivated user's keys die with their sessions, for good: reactivation does not revive them.
            revokedKeys = await tx.Connection.QueryAsync<byte[]>(new CommandDefinition("""
                UPDATE identity.refresh_tokens SET revoked_at = @now WHERE tenant_id = @tenant AND user_id = @id AND revoked_at IS NULL;
                UPDATE identity.api_keys SET revoked_at = @now WHERE tenant_id = @tenant AND created_by = @id AND revoked_at IS NULL
                RETURNING key_hash;
                """, new { tenant, id, now = clock.GetUtcNow() }, tx.Transaction, cancellationToken: ct));
        }

        tx.Publish(new UserChanged(Guid.CreateVersion7(), tenant, clock.GetUtcNow(), id, updated.Role, updated.Active, updated.TeamId));
        await tx.CommitAsync(ct);
        principals.EvictUser(tenant, id);
        foreach (var hash in revokedKeys)
        {
            principals.EvictApiKey(hash);
        }

        return TypedResults.Ok(updated);
    }

    private static Task<long> ActiveOwnersAsync(TenantTransaction tx, CancellationToken ct) =>
        tx.Connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(*) FROM identity.users WHERE tenant_id = @tenant AND role = 'owner' AND active",
            new { tenant = tx.TenantId }, tx.Transaction, cancellationToken: ct));
}
