using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Beacon.Contracts.Identity;
using Beacon.Identity.Authentication;
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

namespace Beacon.Identity.ApiKeys;

internal sealed record CreateApiKeyRequest(
    [property: Required, StringLength(100, MinimumLength = 1), NoControlCharacters] string Name,
    [property: Required, AllowedValues(Roles.Admin, Roles.TeamLead, Roles.Agent, Roles.ReadOnly)] string Role);

/// <summary>
/// <paramref name="EffectiveRole"/> is what the key may do now: the lower of its role and its creator's current role,
/// null once it is revoked (deactivating the creator revokes all their keys).
/// </summary>
internal sealed record ApiKeyResponse(Guid Id, string Name, string Prefix, string Role, string? EffectiveRole, Guid CreatedBy,
    DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);

/// <summary>The only answer that shows the key itself; Beacon keeps just its hash.</summary>
internal sealed record CreatedApiKeyResponse(ApiKeyResponse ApiKey, string Key);

internal static class ApiKeyEndpoints
{
    private const string Columns = """
        id, name, prefix, role, role AS EffectiveRole, created_by AS CreatedBy, created_at AS CreatedAt, last_used_at AS LastUsedAt,
        revoked_at AS RevokedAt
        """;

    // The lower of the key's role and its creator's, as PrincipalCache applies it to each request.
    private const string ListColumns = """
        k.id, k.name, k.prefix, k.role,
        CASE WHEN k.revoked_at IS NULL AND u.active THEN
             (SELECT r FROM unnest(ARRAY[k.role, u.role]) r
               ORDER BY array_position(ARRAY['read_only', 'agent', 'team_lead', 'admin', 'owner'], r) LIMIT 1) END AS EffectiveRole,
        k.created_by AS CreatedBy, k.created_at AS CreatedAt, k.last_used_at AS LastUsedAt, k.revoked_at AS RevokedAt
        """;

    public static void Map(IEndpointRouteBuilder api)
    {
        var keys = api.MapGroup("/api-keys").WithTags("API keys").RequireAuthorization(Policies.Admin);
        keys.MapPost("/", CreateAsync).WithName("CreateApiKey")
            .WithSummary("Create an API key for an integration; the key is shown once.");
        keys.MapGet("/", ListAsync).WithName("ListApiKeys").WithSummary("The tenant's API keys (never the keys themselves).");
        keys.MapDelete("/{id:guid}", RevokeAsync).WithName("RevokeApiKey").WithSummary("Revoke an API key at once.");
    }

    private static async Task<Results<Created<CreatedApiKeyResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateApiKeyRequest request, ClaimsPrincipal actor, Db db, TimeProvider clock, CancellationToken ct)
    {
        if (actor.IsApiKey())
        {
            return ProblemResults.Forbidden("An API key cannot create API keys.");
        }

        if (!RoleRules.CanGrant(actor.Role(), request.Role) && actor.Role() != request.Role)
        {
            return ProblemResults.Forbidden("A key cannot have a role above yours.");
        }

        var tenant = actor.TenantId();
        var key = SecretToken.Create(SecretToken.ApiKeyPrefix, tenant);
        await using var conn = await db.OpenAsync(tenant, ct);
        var created = await conn.QuerySingleAsync<ApiKeyResponse>(new CommandDefinition($"""
            INSERT INTO identity.api_keys (tenant_id, id, name, prefix, key_hash, role, created_by, created_at)
            VALUES (@tenant, @id, @name, @prefix, @hash, @role, @by, @now) RETURNING {Columns}
            """, new
        {
            tenant,
            id = Guid.CreateVersion7(),
            name = request.Name.Trim(),
            prefix = SecretToken.Hint(key),
            hash = SecretToken.Hash(key),
            role = request.Role,
            by = actor.UserId(),
            now = clock.GetUtcNow(),
        }, cancellationToken: ct));
        return TypedResults.Created($"/api/v1/api-keys/{created.Id}", new CreatedApiKeyResponse(created, key));
    }

    private static async Task<Ok<IEnumerable<ApiKeyResponse>>> ListAsync(ClaimsPrincipal actor, Db db, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(actor.TenantId(), ct);
        return TypedResults.Ok(await conn.QueryAsync<ApiKeyResponse>(new CommandDefinition(
            $"""
            SELECT {ListColumns} FROM identity.api_keys k
              LEFT JOIN identity.users u ON u.tenant_id = k.tenant_id AND u.id = k.created_by
             WHERE k.tenant_id = @tenant ORDER BY k.created_at DESC
            """,
            new { tenant = actor.TenantId() }, cancellationToken: ct)));
    }

    private static async Task<Results<NoContent, NotFound>> RevokeAsync(Guid id, ClaimsPrincipal actor, Db db,
        PrincipalCache principals, TimeProvider clock, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(actor.TenantId(), ct);
        var hash = await conn.QuerySingleOrDefaultAsync<byte[]>(new CommandDefinition("""
            UPDATE identity.api_keys SET revoked_at = coalesce(revoked_at, @now)
             WHERE tenant_id = @tenant AND id = @id RETURNING key_hash
            """, new { tenant = actor.TenantId(), id, now = clock.GetUtcNow() }, cancellationToken: ct));
        if (hash is null)
        {
            return TypedResults.NotFound();
        }

        principals.EvictApiKey(hash);
        return TypedResults.NoContent();
    }
}
