using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Beacon.Identity.Tokens;

/// <summary>
/// Writes access tokens with the same JWT stack that validates them: ES256 with the store's current key, header
/// <c>{"alg":"ES256","kid":…,"typ":"JWT"}</c>, claims <c>iss aud sub tid role sst jti iat nbf exp</c> (ADR 0004).
/// </summary>
internal sealed class AccessTokenIssuer(SigningKeyStore keys, SigningKeyConfiguration securityKeys,
    AccessTokenValidation validation, TimeProvider clock, IOptions<AuthOptions> options)
{
    public async Task<(string Token, DateTimeOffset ExpiresAt)> IssueAsync(Guid tenantId, Guid userId, string role,
        int securityStamp, CancellationToken ct)
    {
        var key = await keys.CurrentAsync(ct);
        var now = clock.GetUtcNow();
        var expires = now + options.Value.AccessTokenLifetime;
        var token = validation.Handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Value.Issuer,
            Audience = options.Value.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            SigningCredentials = new SigningCredentials(securityKeys.SecurityKeyFor(key), SecurityAlgorithms.EcdsaSha256),
            Claims = new Dictionary<string, object>
            {
                ["sub"] = userId.ToString(),
                ["tid"] = tenantId.ToString(),
                ["role"] = role,
                ["sst"] = securityStamp,
                ["jti"] = Guid.NewGuid().ToString("N"),
            },
        });
        return (token, expires);
    }
}
