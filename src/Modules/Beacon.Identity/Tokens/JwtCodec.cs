using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Beacon.Identity.Tokens;

/// <summary>
/// Compact JWS with ES256 only (ADR 0004). Reading is strict: three parts, header <c>alg</c> exactly ES256
/// (so <c>none</c> and HMAC confusion are refused), a known <c>kid</c>, a valid signature, then issuer,
/// audience, expiry and not-before with 30 s of clock skew. A signature once verified is remembered for a few
/// minutes (per node, keyed by the whole token): an open live socket re-checks its token every few seconds and an
/// agent's browser sends the same token with every request, and ES256 verification is the costly step. Only tokens
/// whose signature verified are remembered, so nobody can fill the cache with tokens we did not issue; the claims
/// (expiry included) and the signing key's presence are checked on every read.
/// </summary>
internal sealed class JwtCodec(SigningKeyStore keys, TimeProvider clock, IOptions<AuthOptions> options, IMemoryCache verified)
{
    private static readonly TimeSpan Skew = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan RememberVerified = TimeSpan.FromMinutes(5);

    public async Task<(string Token, DateTimeOffset ExpiresAt)> WriteAsync(Guid tenantId, Guid userId, string role,
        int securityStamp, CancellationToken ct)
    {
        var key = await keys.CurrentAsync(ct);
        var now = clock.GetUtcNow();
        var expires = now + options.Value.AccessTokenLifetime;
        var header = JsonSerializer.SerializeToUtf8Bytes(new { alg = "ES256", typ = "JWT", kid = key.Kid });
        var payload = JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["iss"] = options.Value.Issuer,
            ["aud"] = options.Value.Audience,
            ["sub"] = userId.ToString(),
            ["tid"] = tenantId.ToString(),
            ["role"] = role,
            ["sst"] = securityStamp,
            ["jti"] = Guid.NewGuid().ToString("N"),
            ["iat"] = now.ToUnixTimeSeconds(),
            ["nbf"] = now.ToUnixTimeSeconds(),
            ["exp"] = expires.ToUnixTimeSeconds(),
        });
        var signingInput = Base64Url.EncodeToString(header) + "." + Base64Url.EncodeToString(payload);
        var signature = key.Key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256);
        return (signingInput + "." + Base64Url.EncodeToString(signature), expires);
    }

    /// <summary>The token's claims, or null with the reason when anything is off.</summary>
    public async Task<(AccessTokenClaims? Claims, string? Failure)> ReadAsync(string token, CancellationToken ct)
    {
        var parts = token.Split('.');
        if (parts.Length != 3 || parts.Any(string.IsNullOrEmpty))
        {
            return (null, "malformed token");
        }

        try
        {
            using var header = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0]));
            if (!header.RootElement.TryGetProperty("alg", out var alg) || alg.ValueKind != JsonValueKind.String
                || alg.GetString() != "ES256")
            {
                return (null, "unsupported algorithm");
            }

            if (!header.RootElement.TryGetProperty("kid", out var kid) || kid.ValueKind != JsonValueKind.String
                || await keys.FindAsync(kid.GetString()!, ct) is not { } key)
            {
                return (null, "unknown signing key");
            }

            if (!SignatureHolds(token, parts, key))
            {
                return (null, "bad signature");
            }

            using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
            return Validate(payload.RootElement);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or KeyNotFoundException)
        {
            return (null, "malformed token");
        }
    }

    private bool SignatureHolds(string token, string[] parts, SigningKey key)
    {
        var remembered = ("verified-jws", token);
        if (verified.TryGetValue(remembered, out string? kid) && kid == key.Kid)
        {
            return true;
        }

        var signature = Base64Url.DecodeFromChars(parts[2]);
        var signed = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
        if (signature.Length != 64 || !key.Key.VerifyData(signed, signature, HashAlgorithmName.SHA256))
        {
            return false;
        }

        verified.Set(remembered, key.Kid, clock.GetUtcNow() + RememberVerified);
        return true;
    }

    private (AccessTokenClaims?, string?) Validate(JsonElement p)
    {
        var now = clock.GetUtcNow();
        if (p.GetProperty("iss").GetString() != options.Value.Issuer)
        {
            return (null, "wrong issuer");
        }

        var aud = p.GetProperty("aud");
        var audienceOk = aud.ValueKind == JsonValueKind.Array
            ? aud.EnumerateArray().Any(a => a.GetString() == options.Value.Audience)
            : aud.GetString() == options.Value.Audience;
        if (!audienceOk)
        {
            return (null, "wrong audience");
        }

        var exp = DateTimeOffset.FromUnixTimeSeconds(p.GetProperty("exp").GetInt64());
        if (exp + Skew < now)
        {
            return (null, "expired");
        }

        if (p.TryGetProperty("nbf", out var nbf) && DateTimeOffset.FromUnixTimeSeconds(nbf.GetInt64()) - Skew > now)
        {
            return (null, "not yet valid");
        }

        return (new AccessTokenClaims(
            Guid.Parse(p.GetProperty("tid").GetString()!),
            Guid.Parse(p.GetProperty("sub").GetString()!),
            p.GetProperty("role").GetString()!,
            p.GetProperty("sst").GetInt32(),
            exp), null);
    }
}
