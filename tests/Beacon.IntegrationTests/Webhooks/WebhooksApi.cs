using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Beacon.TestKit;

namespace Beacon.IntegrationTests.Webhooks;

/// <summary>Helpers for the webhook tests, and the receiver's side of the signature written from docs/webhooks.md.</summary>
internal static class WebhooksApi
{
    public static async Task<(Guid Id, string Secret)> SubscribeAsync(HttpClient client, string url, params string[] eventTypes)
    {
        var response = await client.PostAsJsonAsync("/api/v1/webhooks", new { url, eventTypes, description = "test receiver" });
        await response.EnsureSuccessAsync();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(ApiClient.Json);
        return (body.GetProperty("subscription").GetProperty("id").GetGuid(), body.GetProperty("secret").GetString()!);
    }

    public static async Task<JsonElement> GetAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        await response.EnsureSuccessAsync();
        return await response.Content.ReadFromJsonAsync<JsonElement>(ApiClient.Json);
    }

    public static async Task<Guid> CaptureLeadAsync(HttpClient client)
    {
        var response = await client.PostAsJsonAsync("/api/v1/leads", new { email = $"{Guid.NewGuid():N}@example.test", firstName = "Ann" });
        await response.EnsureSuccessAsync();
        return (await response.Content.ReadFromJsonAsync<JsonElement>(ApiClient.Json)).GetProperty("id").GetGuid();
    }

    /// <summary>
    /// The documented verification, written independently of Beacon's code: HMAC-SHA256 keyed by the secret's UTF-8
    /// bytes over "{timestamp}.{body}", hex, compared in constant time against each "v1=" entry; timestamps older
    /// (or newer) than five minutes are refused.
    /// </summary>
    public static bool Verifies(ReceivedWebhook hook, string secret, DateTimeOffset now)
    {
        if (!long.TryParse(hook.Timestamp, out var seconds) || Math.Abs(now.ToUnixTimeSeconds() - seconds) > 300)
        {
            return false;
        }

        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{hook.Timestamp}.{hook.Body}"));
        var expected = Encoding.ASCII.GetBytes("v1=" + Convert.ToHexStringLower(mac));
        return hook.Signature.Split(',', StringSplitOptions.TrimEntries)
            .Any(s => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(s), expected));
    }
}
