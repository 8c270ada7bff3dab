using Beacon.Identity.Tokens;
using Beacon.Identity.Users;
using Beacon.SharedKernel.Database;
using Dapper;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Beacon.Identity.Authentication;

internal sealed record UserSnapshot(bool Active, string Role, int SecurityStamp, Guid? TeamId);

internal sealed record ApiKeySnapshot(Guid TenantId, Guid Id, string Role, Guid CreatedBy, bool Revoked);

/// <summary>A usable key: its creator is active, and <paramref name="Role"/> is the lower of the key's and the creator's.</summary>
internal sealed record ApiKeyPrincipal(Guid TenantId, Guid Id, Guid CreatedBy, string Role);

/// <summary>
/// Each request checks that its user is still active with the same role and security stamp, or that its API key
/// is not revoked. A short per-node cache keeps that off the database on hot paths; changes made through this
/// node evict at once, other nodes see them within <see cref="AuthOptions.PrincipalCacheLifetime"/>.
/// </summary>
internal sealed class PrincipalCache(Db db, IMemoryCache cache, TimeProvider clock, IOptions<AuthOptions> options)
{
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    public async Task<UserSnapshot?> UserAsync(Guid tenantId, Guid userId, CancellationToken ct)
    {
        var key = ("user", tenantId, userId);
        if (cache.TryGetValue(key, out UserSnapshot? hit))
        {
            return hit;
        }

        await using var conn = await db.OpenAsync(tenantId, ct);
        var row = await conn.QuerySingleOrDefaultAsync<UserSnapshot>(new CommandDefinition("""
            SELECT active, role, security_stamp AS SecurityStamp, team_id AS TeamId
              FROM identity.users WHERE tenant_id = @tenantId AND id = @userId
            """, new { tenantId, userId }, cancellationToken: ct));
        cache.Set(key, row, options.Value.PrincipalCacheLifetime);
        return row;
    }

    /// <summary>
    /// The key as its creator may use it now: null when the key is unknown or revoked or its creator is inactive;
    /// otherwise acting with min(key role, creator's current role), so a demotion binds the creator's keys at once.
    /// </summary>
    public async Task<ApiKeyPrincipal?> ApiKeyAsync(string token, CancellationToken ct)
    {
        var key = await ApiKeySnapshotAsync(token, ct);
        if (key is null || key.Revoked)
        {
            return null;
        }

        var creator = await UserAsync(key.TenantId, key.CreatedBy, ct);
        return creator is { Active: true }
            ? new ApiKeyPrincipal(key.TenantId, key.Id, key.CreatedBy, RoleRules.Lower(key.Role, creator.Role))
            : null;
    }

    private async Task<ApiKeySnapshot?> ApiKeySnapshotAsync(string token, CancellationToken ct)
    {
        if (!SecretToken.TryParse(token, SecretToken.ApiKeyPrefix, out var tenantId))
        {
            return null;
        }

        var hash = SecretToken.Hash(token);
        var key = ("api_key", Convert.ToHexString(hash));
        if (cache.TryGetValue(key, out ApiKeySnapshot? hit))
        {
            return hit;
        }

        await using var conn = await db.OpenAsync(tenantId, ct);
        var row = await conn.QuerySingleOrDefaultAsync<ApiKeySnapshot>(new CommandDefinition("""
            UPDATE identity.api_keys SET last_used_at = @now
             WHERE tenant_id = @tenantId AND key_hash = @hash
               AND (last_used_at IS NULL OR last_used_at < @now - @resolution)
            RETURNING tenant_id AS TenantId, id, role, created_by AS CreatedBy, revoked_at IS NOT NULL AS Revoked
            """, new { tenantId, hash, now = clock.GetUtcNow(), resolution = LastUsedResolution }, cancellationToken: ct))
            ?? await conn.QuerySingleOrDefaultAsync<ApiKeySnapshot>(new CommandDefinition("""
            SELECT tenant_id AS TenantId, id, role, created_by AS CreatedBy, revoked_at IS NOT NULL AS Revoked
              FROM identity.api_keys WHERE tenant_id = @tenantId AND key_hash = @hash
            """, new { tenantId, hash }, cancellationToken: ct));
        cache.Set(key, row, options.Value.PrincipalCacheLifetime);
        return row;
    }

    public void EvictUser(Guid tenantId, Guid userId) => cache.Remove(("user", tenantId, userId));

    public void EvictApiKey(byte[] hash) => cache.Remove(("api_key", Convert.ToHexString(hash)));
}
