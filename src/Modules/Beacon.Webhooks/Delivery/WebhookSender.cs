using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;

namespace Beacon.Webhooks.Delivery;

/// <summary>What one attempt came to: the receiver's status (null when none came), how long it took, what it said.</summary>
internal sealed record AttemptOutcome(int? StatusCode, int DurationMs, string? Error, string? ResponseSnippet)
{
    public bool Succeeded => StatusCode is >= 200 and < 300;
}

/// <summary>
/// POSTs one signed delivery through the guarded client (<see cref="SharedKernel.Http.GuardedConnection"/>): any 2xx is
/// success; anything else, a timeout or a refused connection is a failed attempt, never an exception.
/// </summary>
internal sealed class WebhookSender(IHttpClientFactory clients, TimeProvider clock, IOptions<WebhookOptions> options)
{
    public const string Client = "webhooks";

    public async Task<AttemptOutcome> SendAsync(string url, Guid deliveryId, string eventType, string body,
        IReadOnlyList<string> secrets, CancellationToken ct)
    {
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(WebhookSignature.IdHeader, deliveryId.ToString());
        request.Headers.Add(WebhookSignature.EventHeader, eventType);
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Header(secrets, timestamp, body));
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("Beacon-Webhooks", "1"));

        var started = clock.GetTimestamp();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.Value.Timeout);
        try
        {
            using var response = await clients.CreateClient(Client).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var snippet = await SnippetAsync(response, timeout.Token);
            return new AttemptOutcome((int)response.StatusCode, Elapsed(started), null, snippet);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new AttemptOutcome(null, Elapsed(started),
                string.Create(CultureInfo.InvariantCulture, $"No answer within {options.Value.Timeout.TotalSeconds:0.#} s."), null);
        }
        catch (HttpRequestException e)
        {
            return new AttemptOutcome(null, Elapsed(started), e.InnerException?.Message ?? e.Message, null);
        }
    }

    // Only the start of the answer is kept: enough to see an error message, never a large body in our log.
    private async Task<string?> SnippetAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var limit = options.Value.ResponseSnippetLength;
        if (limit == 0)
        {
            return null;
        }

        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var buffer = new char[limit];
        var read = await reader.ReadBlockAsync(buffer.AsMemory(), ct);
        return new string(buffer, 0, read).Replace("\0", "", StringComparison.Ordinal); // PostgreSQL text holds no U+0000
    }

    private int Elapsed(long started) => (int)clock.GetElapsedTime(started).TotalMilliseconds;
}
