using System.Security.Cryptography;

namespace Beacon.Webhooks.Subscriptions;

/// <summary>A signing secret: <c>whsec_</c> and 32 random bytes (base64url), shown once at creation or rotation.</summary>
internal static class WebhookSecret
{
    public const string Prefix = "whsec_";

    public static string Create() => Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
