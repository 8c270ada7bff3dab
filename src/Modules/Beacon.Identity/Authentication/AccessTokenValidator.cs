using Beacon.Contracts.Identity;
using Beacon.Identity.Tokens;

namespace Beacon.Identity.Authentication;

/// <summary>The HTTP scheme's checks for credentials that arrive another way (the live socket's first message).</summary>
internal sealed class AccessTokenValidator(JwtCodec jwt, PrincipalCache principals) : IAccessTokenValidator
{
    public async Task<AccessPrincipal?> ValidateAsync(string credential, CancellationToken ct)
    {
        if (credential.StartsWith(SecretToken.ApiKeyPrefix, StringComparison.Ordinal))
        {
            var key = await principals.ApiKeyAsync(credential, ct);
            return key is null ? null : new AccessPrincipal(key.TenantId, key.CreatedBy, key.Role, null, null);
        }

        var (claims, _) = await jwt.ReadAsync(credential, ct);
        if (claims is null)
        {
            return null;
        }

        var user = await principals.UserAsync(claims.TenantId, claims.UserId, ct);
        return user is { Active: true } && user.SecurityStamp == claims.SecurityStamp
            ? new AccessPrincipal(claims.TenantId, claims.UserId, user.Role, user.TeamId, claims.ExpiresAt)
            : null;
    }
}
