using System.Security.Claims;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Beacon.Identity.Tokens;

/// <summary>
/// IdentityModel's <see cref="JsonWebTokenHandler"/>, remembering each token that passed every check for a few minutes
/// (per node, keyed by the whole token string): a browser sends the same token with every request and an open live
/// socket re-checks its token every 15 s, and ES256 verification is the costly step (ADR 0004). Only tokens that fully
/// validated are remembered, so nobody can fill the cache with tokens we did not issue. For the same string nothing
/// but time and the key set can change the verdict, so a remembered token is checked again for exactly those: its
/// lifetime (the library's own validator, same skew and clock) and that its <c>kid</c> is still published. Anything
/// else — every refusal included — goes through the library.
/// </summary>
internal sealed class RememberingTokenHandler : JsonWebTokenHandler
{
    private static readonly TimeSpan RememberFor = TimeSpan.FromMinutes(5);
    private readonly IMemoryCache _cache;

    public RememberingTokenHandler(IMemoryCache cache)
    {
        _cache = cache;
        // Our claim names (sub, tid, role, sst) as written, not mapped to the long SOAP-era URIs.
        MapInboundClaims = false;
    }

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        var key = ("validated-jwt", token);
        if (_cache.TryGetValue(key, out Validated? seen) && await StillHoldsAsync(seen!, validationParameters))
        {
            return new TokenValidationResult
            {
                IsValid = true,
                SecurityToken = seen!.Token,
                ClaimsIdentity = seen.Identity.Clone(),
                Issuer = seen.Token.Issuer,
            };
        }

        var result = await base.ValidateTokenAsync(token, validationParameters);
        if (result.IsValid && result.SecurityToken is JsonWebToken validated)
        {
            _cache.Set(key, new Validated(validated, result.ClaimsIdentity.Clone()), RememberFor);
        }

        return result;
    }

    private static async Task<bool> StillHoldsAsync(Validated seen, TokenValidationParameters parameters)
    {
        var keys = parameters.ConfigurationManager is { } manager
            ? (await manager.GetBaseConfigurationAsync(CancellationToken.None)).SigningKeys
            : parameters.IssuerSigningKeys;
        if (keys?.Any(k => k.KeyId == seen.Token.Kid) != true)
        {
            return false;
        }

        try
        {
            var token = seen.Token;
            // Remembered tokens all had an expiry (it is required); a missing nbf reads as DateTime.MinValue.
            Validators.ValidateLifetime(token.ValidFrom == DateTime.MinValue ? null : token.ValidFrom, token.ValidTo, token, parameters);
            return true;
        }
        catch (SecurityTokenException)
        {
            // Expired (or not yet valid): the library says so with the right reason on the full path.
            return false;
        }
    }

    private sealed record Validated(JsonWebToken Token, ClaimsIdentity Identity);
}
