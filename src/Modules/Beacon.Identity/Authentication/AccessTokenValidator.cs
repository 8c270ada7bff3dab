using System.Security.Claims;
using Beacon.Contracts.Identity;
using Beacon.Identity.Tokens;

namespace Beacon.Identity.Authentication;

/// <summary>
/// The HTTP schemes' checks for credentials that arrive another way (the live socket's first message): an API key
/// as the API-key scheme checks it, a token through the same <see cref="AccessTokenValidation"/> the JwtBearer scheme
/// uses, then the same <see cref="TokenUserCheck"/>. No second JWT code path.
/// </summary>
internal sealed class AccessTokenValidator(AccessTokenValidation tokens, TokenUserCheck users, PrincipalCache principals)
    : IAccessTokenValidator
{
    public async Task<AccessPrincipal?> ValidateAsync(string credential, CancellationToken ct)
    {
        if (credential.StartsWith(SecretToken.ApiKeyPrefix, StringComparison.Ordinal))
        {
            var key = await principals.ApiKeyAsync(credential, ct);
            return key is null ? null : new AccessPrincipal(key.TenantId, key.CreatedBy, key.Role, null, null);
        }

        var result = await tokens.ValidateAsync(credential);
        if (!result.IsValid || result.ClaimsIdentity is not ClaimsIdentity identity)
        {
            return null;
        }

        var (principal, _) = await users.CheckAsync(identity, new DateTimeOffset(result.SecurityToken.ValidTo, TimeSpan.Zero), ct);
        return principal;
    }
}
