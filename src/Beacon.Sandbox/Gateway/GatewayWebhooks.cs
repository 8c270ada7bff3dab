using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Beacon.Sandbox.Gateway;

/// <summary>
/// Posts each event to the configured endpoint signed as Stripe does — <c>Stripe-Signature: t=&lt;unix&gt;,v1=&lt;hex
/// HMAC-SHA256 of "t.body" with the webhook secret&gt;</c> — and retries after each failure (no 2xx, or no answer),
/// re-signing with a fresh timestamp, until <see cref="GatewayWebhookSettings.RetryDelays"/> run out.
/// </summary>
internal sealed class GatewayWebhooks(IHttpClientFactory httpFactory, TimeProvider clock, IConfiguration configuration,
    IHostApplicationLifetime lifetime, ILogger<GatewayWebhooks> log)
{
    public const string HttpClientName = "gateway.webhooks";

    private readonly ConcurrentDictionary<string, DeliveryLog> _log = new();
    private readonly ConcurrentDictionary<string, string> _bodies = new();
    private GatewayWebhookSettings _settings = GatewayWebhookSettings.From(configuration);

    public GatewayWebhookSettings Settings => _settings;

    public void Configure(Uri? url, string? secret) => _settings = _settings with { Url = url, Secret = secret ?? _settings.Secret };

    public IReadOnlyList<DeliveryLog> Log() => [.. _log.Values.OrderBy(l => l.EventId, StringComparer.Ordinal)];

    public void Publish(string type, PaymentIntentObject intent)
    {
        var id = $"evt_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12))}";
        var body = JsonSerializer.Serialize(new EventObject(id, clock.GetUtcNow().ToUnixTimeSeconds(), type, _settings.ApiVersion,
            new EventData(intent)), GatewayWire.Json);
        _bodies[id] = body;
        _log[id] = new DeliveryLog(id, type, intent.Id, 0, null, false, false);
        _ = DeliverAsync(id, body);
    }

    /// <summary>Sends an event again, as Stripe's dashboard "resend" does (a receiver must not apply it twice).</summary>
    public bool Resend(string eventId)
    {
        if (!_bodies.TryGetValue(eventId, out var body))
        {
            return false;
        }

        _ = DeliverAsync(eventId, body);
        return true;
    }

    public void Reset()
    {
        _log.Clear();
        _bodies.Clear();
        _settings = GatewayWebhookSettings.From(configuration);
    }

    public static string Sign(string secret, long timestamp, string body)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}"));
        return $"t={timestamp},v1={Convert.ToHexStringLower(mac)}";
    }

    private async Task DeliverAsync(string eventId, string body)
    {
        var ct = lifetime.ApplicationStopping;
        for (var attempt = 0; !ct.IsCancellationRequested; attempt++)
        {
            var settings = _settings;
            if (settings.Url is null)
            {
                return;
            }

            var status = await PostAsync(settings, body, ct);
            var delivered = status is >= 200 and < 300;
            var gaveUp = !delivered && attempt >= settings.RetryDelays.Count;
            _log.AddOrUpdate(eventId, _ => throw new InvalidOperationException("unknown event"),
                (_, l) => l with { Attempts = l.Attempts + 1, LastStatus = status, Delivered = l.Delivered || delivered, GaveUp = gaveUp });
            if (delivered || gaveUp)
            {
                return;
            }

            try
            {
                await Task.Delay(settings.RetryDelays[attempt], clock, ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task<int?> PostAsync(GatewayWebhookSettings settings, string body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, settings.Url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Stripe-Signature", Sign(settings.Secret, clock.GetUtcNow().ToUnixTimeSeconds(), body));
        try
        {
            using var response = await httpFactory.CreateClient(HttpClientName).SendAsync(request, ct);
            return (int)response.StatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            log.LogInformation("Webhook to {Url} failed: {Error}", settings.Url, e.Message);
            return null;
        }
    }
}
