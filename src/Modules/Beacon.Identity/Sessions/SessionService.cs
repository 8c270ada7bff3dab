using Beacon.Identity.Tokens;
using Beacon.SharedKernel.Database;
using Dapper;
using Microsoft.Extensions.Options;

namespace Beacon.Identity.Sessions;

/// <summary>
/// Refresh-token families: login starts one; every refresh uses up its token and issues the next in the same
/// family; presenting a used token again means it was stolen or replayed, so the whole family is revoked.
/// </summary>
internal sealed class SessionService(AccessTokenIssuer accessTokens, TimeProvider clock, IOptions<AuthOptions> options)
{
    public async Task<TokenResponse> StartAsync(TenantTransaction tx, Guid userId, string role, int securityStamp,
        CancellationToken ct) => await IssueAsync(tx, userId, role, securityStamp, Guid.NewGuid(), ct);

    /// <summary>The next tokens, or null when the refresh token is unknown, expired, revoked or reused.</summary>
    public async Task<TokenResponse?> RefreshAsync(TenantTransaction tx, string refreshToken, CancellationToken ct)
    {
        var hash = SecretToken.Hash(refreshToken);
        var now = clock.GetUtcNow();
        // Using a token is one atomic update: of two racing refreshes exactly one wins; the other is a reuse.
        var used = await tx.Connection.QuerySingleOrDefaultAsync<UsedToken>(new CommandDefinition("""
            UPDATE identity.refresh_tokens t SET used_at = @now
              FROM identity.users u
             WHERE t.tenant_id = @tenant AND t.token_hash = @hash AND t.used_at IS NULL AND t.revoked_at IS NULL
               AND t.expires_at > @now AND u.tenant_id = t.tenant_id AND u.id = t.user_id AND u.active
            RETURNING t.family_id AS FamilyId, t.user_id AS UserId, u.role AS Role, u.security_stamp AS SecurityStamp
            """, new { tenant = tx.TenantId, hash, now }, tx.Transaction, cancellationToken: ct));
        if (used is null)
        {
            await RevokeFamilyOfAsync(tx, hash, ct);
            return null;
        }

        return await IssueAsync(tx, used.UserId, used.Role, used.SecurityStamp, used.FamilyId, ct);
    }

    /// <summary>Revokes the family the token belongs to (logout, or a detected reuse).</summary>
    public async Task<int> RevokeFamilyOfAsync(TenantTransaction tx, byte[] tokenHash, CancellationToken ct) =>
        await tx.Connection.ExecuteAsync(new CommandDefinition("""
            UPDATE identity.refresh_tokens SET revoked_at = @now
             WHERE tenant_id = @tenant AND revoked_at IS NULL AND family_id =
                   (SELECT family_id FROM identity.refresh_tokens WHERE tenant_id = @tenant AND token_hash = @tokenHash)
            """, new { tenant = tx.TenantId, tokenHash, now = clock.GetUtcNow() }, tx.Transaction, cancellationToken: ct));

    /// <summary>Ends every session of the user (a password changed or was reset): their refresh tokens stop working.</summary>
    public async Task<int> RevokeAllAsync(TenantTransaction tx, Guid userId, CancellationToken ct) =>
        await tx.Connection.ExecuteAsync(new CommandDefinition("""
            UPDATE identity.refresh_tokens SET revoked_at = @now
             WHERE tenant_id = @tenant AND user_id = @userId AND revoked_at IS NULL
            """, new { tenant = tx.TenantId, userId, now = clock.GetUtcNow() }, tx.Transaction, cancellationToken: ct));

    private async Task<TokenResponse> IssueAsync(TenantTransaction tx, Guid userId, string role, int securityStamp,
        Guid familyId, CancellationToken ct)
    {
        var refresh = SecretToken.Create(SecretToken.RefreshPrefix, tx.TenantId);
        var now = clock.GetUtcNow();
        await tx.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO identity.refresh_tokens (tenant_id, id, family_id, user_id, token_hash, created_at, expires_at)
            VALUES (@tenant, @id, @familyId, @userId, @hash, @now, @expires)
            """, new
        {
            tenant = tx.TenantId,
            id = Guid.CreateVersion7(),
            familyId,
            userId,
            hash = SecretToken.Hash(refresh),
            now,
            expires = now + options.Value.RefreshTokenLifetime,
        }, tx.Transaction, cancellationToken: ct));
        var (access, expiresAt) = await accessTokens.IssueAsync(tx.TenantId, userId, role, securityStamp, ct);
        return new TokenResponse(access, refresh, (int)Math.Round((expiresAt - now).TotalSeconds));
    }

    private sealed record UsedToken(Guid FamilyId, Guid UserId, string Role, int SecurityStamp);
}
