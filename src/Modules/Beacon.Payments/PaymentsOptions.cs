using System.ComponentModel.DataAnnotations;

namespace Beacon.Payments;

/// <summary><c>Beacon:Payments</c>: the payment gateway (Stripe's API shape; the sandbox in development) and dunning.</summary>
internal sealed class PaymentsOptions
{
    public const string Section = "Beacon:Payments";

    /// <summary>The gateway's API base URL; unset, nothing can be charged (collection jobs fail and are retried, no one is restricted).</summary>
    public Uri? BaseUrl { get; set; }

    /// <summary>Secret API key (environment or user secrets only in production).</summary>
    public string? ApiKey { get; set; }

    /// <summary>The <c>whsec_…</c> secret the gateway signs its webhooks with.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>How far a webhook's signed timestamp may be from our clock (Stripe's libraries use 5 minutes).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan WebhookTolerance { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Delay before each retry after a failed collection (default +1, +3, +5 days); once they are used up the brokerage
    /// is restricted. Null by default because the configuration binder appends to an initialised array instead of replacing it.
    /// </summary>
    public TimeSpan[]? RetrySchedule { get; set; }

    public IReadOnlyList<TimeSpan> Schedule => RetrySchedule is { Length: > 0 } configured
        ? configured
        : [TimeSpan.FromDays(1), TimeSpan.FromDays(3), TimeSpan.FromDays(5)];

    [Range(typeof(TimeSpan), "00:00:00.100", "00:02:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>The web app's address, for links in e-mails; relative links are used when unset.</summary>
    public Uri? AppBaseUrl { get; set; }

    public bool GatewayConfigured => BaseUrl is not null && !string.IsNullOrEmpty(ApiKey);
}
