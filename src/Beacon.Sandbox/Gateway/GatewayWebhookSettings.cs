using System.Globalization;

namespace Beacon.Sandbox.Gateway;

/// <summary>
/// Where and how the gateway posts its events: <c>Sandbox:Gateway:WebhookUrl</c> (none: events are only logged),
/// <c>WebhookSecret</c>, <c>ApiVersion</c> (the events' <c>api_version</c>; Stripe.net 53 checks it) and
/// <c>WebhookRetryDelaysMs</c> (the waits before each retry of a failed delivery; Stripe's span three days, ours are short).
/// </summary>
internal sealed record GatewayWebhookSettings(Uri? Url, string Secret, string ApiVersion, IReadOnlyList<TimeSpan> RetryDelays)
{
    public const string DefaultSecret = "whsec_sandbox_secret";
    public const string DefaultApiVersion = "2026-10-28.endive";

    public static GatewayWebhookSettings From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Sandbox:Gateway");
        var url = section["WebhookUrl"] is { Length: > 0 } u ? new Uri(u, UriKind.Absolute) : null;
        var delays = (section["WebhookRetryDelaysMs"] ?? "1000,5000,30000")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => TimeSpan.FromMilliseconds(int.Parse(d, NumberStyles.None, CultureInfo.InvariantCulture)))
            .ToList();
        return new GatewayWebhookSettings(url, section["WebhookSecret"] ?? DefaultSecret, section["ApiVersion"] ?? DefaultApiVersion, delays);
    }
}

/// <summary>One event's deliveries so far (what <c>GET /_sandbox/gateway/events</c> shows).</summary>
internal sealed record DeliveryLog(string EventId, string Type, string? PaymentIntent, int Attempts, int? LastStatus, bool Delivered,
    bool GaveUp);
