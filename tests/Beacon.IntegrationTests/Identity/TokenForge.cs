using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Beacon.IntegrationTests.Identity;

/// <summary>Hand-made JWTs for attacks: any header, any claims, signed with any P-256 key (or not at all).</summary>
internal static class TokenForge
{
    public static string Sign(object header, Dictionary<string, object> claims, ECDsa? key)
    {
        var input = Part(header) + "." + Part(claims);
        var signature = key is null ? "" : Base64Url.EncodeToString(key.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256));
        return input + "." + signature;
    }

    public static Dictionary<string, object> Claims(Guid tenant, Guid user, string role = "owner", int stamp = 1,
        string issuer = "beacon", string audience = "beacon-api", TimeSpan? expiresIn = null)
    {
        var now = TimeProvider.System.GetUtcNow();
        return new Dictionary<string, object>
        {
            ["iss"] = issuer,
            ["aud"] = audience,
            ["sub"] = user.ToString(),
            ["tid"] = tenant.ToString(),
            ["role"] = role,
            ["sst"] = stamp,
            ["iat"] = now.ToUnixTimeSeconds(),
            ["nbf"] = now.ToUnixTimeSeconds(),
            ["exp"] = (now + (expiresIn ?? TimeSpan.FromMinutes(5))).ToUnixTimeSeconds(),
        };
    }

    private static string Part(object value) => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(value));
}
