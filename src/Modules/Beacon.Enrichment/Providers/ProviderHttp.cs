using System.Net;
using System.Text.Json;

namespace Beacon.Enrichment.Providers;

/// <summary>
/// One HTTP attempt with the client's timeout, mapped to an outcome the pipeline understands. Retries are not made
/// here: they are scheduled durably (so a waiting retry holds no thread, connection or job worker).
/// </summary>
internal static class ProviderHttp
{
    public static async Task<ProviderOutcome> SendAsync(HttpClient client, HttpRequestMessage request,
        Func<HttpStatusCode, JsonElement, HttpResponseMessage, ProviderOutcome?> interpret, CancellationToken ct)
    {
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return ProviderOutcome.Retry("timeout");
        }
        catch (HttpRequestException e)
        {
            return ProviderOutcome.Retry($"connection: {e.HttpRequestError}");
        }

        using (response)
        {
            var status = response.StatusCode;
            var retryAfter = RetryAfter(response);
            if (status == HttpStatusCode.TooManyRequests)
            {
                return ProviderOutcome.Retry("429 rate limited", retryAfter ?? TimeSpan.FromSeconds(1), throttled: true);
            }

            if ((int)status >= 500)
            {
                return ProviderOutcome.Retry($"{(int)status} from provider", retryAfter);
            }

            JsonElement body;
            try
            {
                var text = await response.Content.ReadAsStringAsync(ct);
                body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                return ProviderOutcome.Retry("timeout reading the body");
            }
            catch (HttpRequestException e)
            {
                return ProviderOutcome.Retry($"connection: {e.HttpRequestError}");
            }
            catch (JsonException)
            {
                return status == HttpStatusCode.OK ? ProviderOutcome.Retry("unreadable body") : ProviderOutcome.Failed($"{(int)status}");
            }

            return interpret(status, body, response) ?? status switch
            {
                HttpStatusCode.NotFound => ProviderOutcome.NoMatch(),
                HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => ProviderOutcome.Failed("credentials refused"),
                _ => ProviderOutcome.Failed($"{(int)status} from provider"),
            };
        }
    }

    public static TimeSpan? RetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } when response.Headers.Date is { } now => date - now,
            _ => null,
        };

    public static string? Text(this JsonElement e, params string[] path)
    {
        var v = Walk(e, path);
        return v is { ValueKind: JsonValueKind.String } s ? s.GetString() : null;
    }

    public static double? Number(this JsonElement e, params string[] path)
    {
        var v = Walk(e, path);
        return v is { ValueKind: JsonValueKind.Number } n ? n.GetDouble() : null;
    }

    public static bool? Bool(this JsonElement e, params string[] path)
    {
        var v = Walk(e, path);
        return v?.ValueKind switch { JsonValueKind.True => true, JsonValueKind.False => false, _ => null };
    }

    private static JsonElement? Walk(JsonElement e, string[] path)
    {
        foreach (var p in path)
        {
            if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty(p, out e))
            {
                return null;
            }
        }

        return e;
    }
}
