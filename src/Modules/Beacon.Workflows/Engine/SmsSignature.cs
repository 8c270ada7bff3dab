using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Beacon.Workflows.Engine;

/// <summary>
/// The gateway's callback signature (ADR 0029): <c>X-Sms-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256 of
/// "t.query.body" keyed with the auth token&gt;</c>, where <c>query</c> is the callback URL's query string without its
/// <c>?</c> (it names the brokerage, so a callback cannot be replayed to another one). Valid only when it matches and
/// <c>t</c> is within the tolerance of our clock.
/// </summary>
internal static class SmsSignature
{
    public const string Header = "X-Sms-Signature";

    public static string Sign(string secret, long timestamp, string query, string body) =>
        $"t={timestamp.ToString(CultureInfo.InvariantCulture)},v1={Convert.ToHexStringLower(Mac(secret, timestamp, query, body))}";

    public static bool Valid(string? header, string secret, string query, string body, DateTimeOffset now, TimeSpan tolerance)
    {
        long? t = null;
        byte[]? v1 = null;
        foreach (var part in (header ?? "").Split(',', StringSplitOptions.TrimEntries))
        {
            if (part.StartsWith("t=", StringComparison.Ordinal) && long.TryParse(part[2..], NumberStyles.None, CultureInfo.InvariantCulture, out var ts))
            {
                t = ts;
            }
            else if (part.StartsWith("v1=", StringComparison.Ordinal) && part.Length == 67)
            {
                try
                {
                    v1 = Convert.FromHexString(part[3..]);
                }
                catch (FormatException)
                {
                    return false;
                }
            }
        }

        return t is { } stamp && v1 is not null
            && Math.Abs(now.ToUnixTimeSeconds() - stamp) <= tolerance.TotalSeconds
            && CryptographicOperations.FixedTimeEquals(v1, Mac(secret, stamp, query, body));
    }

    private static byte[] Mac(string secret, long timestamp, string query, string body) =>
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret),
            Encoding.UTF8.GetBytes($"{timestamp.ToString(CultureInfo.InvariantCulture)}.{query.TrimStart('?')}.{body}"));
}
