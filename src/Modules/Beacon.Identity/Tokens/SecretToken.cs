using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Beacon.Identity.Tokens;

/// <summary>
/// Opaque secrets handed to clients (refresh tokens <c>brt_</c>, API keys <c>bk_</c>, invitations <c>binv_</c>,
/// e-mailed confirmations of a signup <c>bsc_</c> or of an accepted invitation <c>bic_</c>, password resets <c>bpr_</c>,
/// single sign-on hand-offs <c>bsso_</c>):
/// prefix + tenant id (32 hex) + 256 random bits. The tenant in clear lets us open a tenant-bound transaction
/// before the lookup, so row-level security guards even this path. Only the SHA-256 of a secret is stored.
/// </summary>
internal static class SecretToken
{
    public const string RefreshPrefix = "brt_";
    public const string ApiKeyPrefix = "bk_";
    public const string InvitationPrefix = "binv_";
    public const string SignupConfirmationPrefix = "bsc_";
    public const string InvitationConfirmationPrefix = "bic_";
    public const string PasswordResetPrefix = "bpr_";
    public const string SsoHandoffPrefix = "bsso_";

    public static string Create(string prefix, Guid tenantId) =>
        prefix + tenantId.ToString("N") + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static bool TryParse(string? token, string prefix, out Guid tenantId)
    {
        tenantId = Guid.Empty;
        return token is not null
            && token.Length == prefix.Length + 32 + 43
            && token.StartsWith(prefix, StringComparison.Ordinal)
            && Guid.TryParseExact(token.AsSpan(prefix.Length, 32), "N", out tenantId);
    }

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    /// <summary>What a list may show of an API key: enough to recognise it, never enough to use it.</summary>
    public static string Hint(string token) => token[..(token.Length - 39)] + "…" + token[^4..];
}
