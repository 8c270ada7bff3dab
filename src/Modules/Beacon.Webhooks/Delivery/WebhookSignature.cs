using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Beacon.Webhooks.Delivery;

/// <summary>
/// The signing scheme of docs/webhooks.md: <c>v1=</c> + hex HMAC-SHA256, keyed by the secret's UTF-8 bytes, over
/// <c>{unix seconds}.{body}</c>. The timestamp is signed so a captured request cannot be replayed later with a new one.
/// </summary>
internal static class WebhookSignature
{
    public const string IdHeader = "Beacon-Webhook-Id";
    public const string TimestampHeader = "Beacon-Webhook-Timestamp";
    public const string SignatureHeader = "Beacon-Webhook-Signature";
    public const string EventHeader = "Beacon-Webhook-Event";

    public static string Sign(string secret, long timestamp, string body)
    {
        var content = Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + "." + body);
        return "v1=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), content));
    }

    /// <summary>The header value: one signature per secret in use (two during a rotation's grace period).</summary>
    public static string Header(IEnumerable<string> secrets, long timestamp, string body) =>
        string.Join(", ", secrets.Select(s => Sign(s, timestamp, body)));

    /// <summary>
    /// What a receiver does (docs/webhooks.md shows the same in several languages): the timestamp must be within
    /// <paramref name="tolerance"/> of now, and one of the header's signatures must equal ours, compared in constant time.
    /// </summary>
    public static bool Verify(string secret, string timestampHeader, string signatureHeader, string body,
        DateTimeOffset now, TimeSpan tolerance)
    {
        if (!long.TryParse(timestampHeader, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp)
            || Math.Abs(now.ToUnixTimeSeconds() - timestamp) > tolerance.TotalSeconds)
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(Sign(secret, timestamp, body));
        return signatureHeader.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Any(s => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(s), expected));
    }
}
