using Beacon.SharedKernel.Tenancy;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Beacon.Identity.Tokens;

/// <summary>
/// The one validator of access tokens, wherever they arrive: the JwtBearer scheme is configured with its
/// <see cref="Handler"/> and <see cref="Parameters"/>, and the live socket's <c>auth</c> frame calls
/// <see cref="ValidateAsync"/> with the same two. Rules (ADR 0004, 0009): ES256 only, so <c>none</c>, HMAC confusion
/// and other algorithms fail; our issuer and audience; a signature and an expiry required; 30 s of clock skew;
/// keys only from the shared signing-key store, matched by <c>kid</c> (never "try every key").
/// </summary>
internal sealed class AccessTokenValidation
{
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    // Lifetime is judged by IdentityModel against the system clock: 8.23 keeps TokenValidationParameters.TimeProvider
    // internal, and a hand-written lifetime check is what this class exists to retire (ADR 0012).
    public AccessTokenValidation(RememberingTokenHandler handler, SigningKeyConfiguration keys, IOptions<AuthOptions> options)
    {
        Handler = handler;
        Parameters = new TokenValidationParameters
        {
            ValidIssuer = options.Value.Issuer,
            ValidAudience = options.Value.Audience,
            ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
            ClockSkew = ClockSkew,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            RequireAudience = true,
            TryAllIssuerSigningKeys = false,
            ConfigurationManager = keys,
            NameClaimType = ClaimNames.Subject,
            RoleClaimType = ClaimNames.Role,
        };
    }

    public JsonWebTokenHandler Handler { get; }

    public TokenValidationParameters Parameters { get; }

    public Task<TokenValidationResult> ValidateAsync(string token) => Handler.ValidateTokenAsync(token, Parameters);
}
