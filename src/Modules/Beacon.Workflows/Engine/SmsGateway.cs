using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Beacon.Workflows.Engine;

/// <summary>What the gateway answered a send: its message id, or why it refused for good (a retry would not help).</summary>
internal sealed record SmsSendResult(string? Sid, string? Refusal);

/// <summary>
/// The SMS gateway over HTTP, Twilio's wire format: <c>POST {BaseUrl}/2010-04-01/Accounts/{AccountSid}/Messages.json</c>
/// form-encoded, Basic auth, with our message id as <c>Idempotency-Key</c> so a retried send never texts twice.
/// A 4xx is a refusal; a 5xx, 429 or no answer throws so the job queue retries with backoff.
/// </summary>
internal sealed class SmsGateway(IHttpClientFactory httpFactory, IOptions<SmsOptions> options)
{
    public const string HttpClientName = "workflows.sms";

    public async Task<SmsSendResult> SendAsync(Guid messageId, string to, string body, Uri statusCallback, CancellationToken ct)
    {
        var o = options.Value;
        var url = new Uri(o.BaseUrl!, $"2010-04-01/Accounts/{Uri.EscapeDataString(o.AccountSid!)}/Messages.json");
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new FormUrlEncodedContent([new("To", to), new("From", o.FromNumber!), new("Body", body),
                new("StatusCallback", statusCallback.ToString())]),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{o.AccountSid}:{o.AuthToken}")));
        request.Headers.Add("Idempotency-Key", messageId.ToString());
        using var response = await httpFactory.CreateClient(HttpClientName).SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (response.IsSuccessStatusCode)
        {
            using var created = JsonDocument.Parse(text);
            return new SmsSendResult(created.RootElement.GetProperty("sid").GetString(), null);
        }

        if (response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.Unauthorized or HttpStatusCode.RequestTimeout
            || (int)response.StatusCode >= 500)
        {
            throw new HttpRequestException($"The SMS gateway answered {(int)response.StatusCode}; the send is retried.");
        }

        return new SmsSendResult(null, Describe(text, (int)response.StatusCode));
    }

    private static string Describe(string body, int status)
    {
        try
        {
            using var error = JsonDocument.Parse(body);
            return $"{error.RootElement.GetProperty("message").GetString()} ({error.RootElement.GetProperty("code").GetInt32().ToString(CultureInfo.InvariantCulture)})";
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return $"the gateway refused the message ({status.ToString(CultureInfo.InvariantCulture)})";
        }
    }
}
