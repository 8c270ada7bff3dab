using System.Security.Cryptography;
using System.Text;

namespace Beacon.Sandbox.Sms;

/// <summary>
/// Posts form-encoded callbacks (status changes and inbound messages) signed with the account's auth token:
/// <c>X-Sms-Signature: t=&lt;unix&gt;,v1=&lt;hex HMAC-SHA256 of "t.query.body"&gt;</c> (query: the callback URL's query
/// string without <c>?</c>). Twilio signs the URL plus the sorted parameters with SHA-1; we sign the query and the raw
/// body with a timestamp instead (ADR 0029) so a proxy that rewrites the host or path does not break verification, an
/// old callback cannot be replayed, and one for one brokerage (named in the query) is refused by another. A failed post is retried after each of
/// <c>Sandbox:Sms:CallbackRetryDelaysMs</c>.
/// </summary>
internal sealed class SmsCallbacks(IHttpClientFactory httpFactory, TimeProvider clock, IConfiguration configuration,
    IHostApplicationLifetime lifetime, ILogger<SmsCallbacks> log)
{
    public const string HttpClientName = "sms.callbacks";
    public const string SignatureHeader = "X-Sms-Signature";

    private readonly IReadOnlyList<TimeSpan> _retryDelays = [.. (configuration["Sandbox:Sms:CallbackRetryDelaysMs"] ?? "200,1000,5000")
        .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(d => TimeSpan.FromMilliseconds(int.Parse(d, System.Globalization.CultureInfo.InvariantCulture)))];

    public static string Sign(string secret, long timestamp, string query, string body)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{query.TrimStart('?')}.{body}"));
        return $"t={timestamp},v1={Convert.ToHexStringLower(mac)}";
    }

    /// <summary>Posts and retries; answers whether a 2xx arrived.</summary>
    public async Task<bool> PostAsync(Uri url, IReadOnlyDictionary<string, string?> fields, string secret)
    {
        var body = string.Join('&', fields.Where(f => f.Value is not null)
            .Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value!)}"));
        var ct = lifetime.ApplicationStopping;
        for (var attempt = 0; !ct.IsCancellationRequested; attempt++)
        {
            if (await SendAsync(url, body, secret, ct))
            {
                return true;
            }

            if (attempt >= _retryDelays.Count)
            {
                return false;
            }

            try
            {
                await Task.Delay(_retryDelays[attempt], clock, ct);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }

        return false;
    }

    private async Task<bool> SendAsync(Uri url, string body, string secret, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        request.Headers.TryAddWithoutValidation(SignatureHeader, Sign(secret, clock.GetUtcNow().ToUnixTimeSeconds(), url.Query, body));
        try
        {
            using var response = await httpFactory.CreateClient(HttpClientName).SendAsync(request, ct);
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            log.LogInformation("SMS callback to {Url} failed: {Error}", url, e.Message);
            return false;
        }
    }
}
