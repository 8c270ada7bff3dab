using System.ComponentModel.DataAnnotations;

namespace Beacon.Enrichment;

/// <summary>
/// <c>Beacon:Enrichment</c>. A provider without a <see cref="ProviderOptions.BaseUrl"/> is off: its step is never
/// started, so a server with nothing configured enriches nothing and calls nobody.
/// </summary>
internal sealed class EnrichmentOptions
{
    public const string Section = "Beacon:Enrichment";

    public ProviderOptions Property { get; set; } = new() { CostCents = 10, CacheTtl = TimeSpan.FromDays(30) };

    public ProviderOptions Person { get; set; } = new() { CostCents = 20, CacheTtl = TimeSpan.FromDays(7) };

    public ProviderOptions Credit { get; set; } = new() { CostCents = 100, CacheTtl = TimeSpan.FromDays(1) };

    /// <summary>Default monthly spend limit of a tenant (cents) until it sets its own.</summary>
    [Range(0, long.MaxValue)]
    public long MonthlyBudgetCents { get; set; } = 50_000;

    /// <summary>Calls per second one tenant may make to one provider from this node (0 = no limit).</summary>
    [Range(0, 100_000)]
    public int TenantCallsPerSecond { get; set; } = 200;

    /// <summary>Provider calls in flight on this node at once (all providers together).</summary>
    [Range(1, 1024)]
    public int MaxConcurrentCalls { get; set; } = 128;

    /// <summary>Leads per bulk-lane enrichment job when an import (or the demo seed) arrives.</summary>
    [Range(1, 5_000)]
    public int BulkChunkSize { get; set; } = 100;

    /// <summary>
    /// Pace of an import's enrichment (its chunk jobs are spread out in time): a large import neither floods the
    /// providers nor spends the month's budget in one burst. The budget and consent rules still decide each call.
    /// </summary>
    [Range(1, 100_000)]
    public int BulkLeadsPerSecond { get; set; } = 20;

    /// <summary>How long a dispatched call may be outstanding before the durable job tries again (node died).</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(30);

    public ProviderOptions For(string provider) => provider switch
    {
        ProviderNames.Property => Property,
        ProviderNames.Person => Person,
        ProviderNames.Credit => Credit,
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown provider."),
    };
}

internal sealed class ProviderOptions
{
    /// <summary>Empty = provider off.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>A secret: from the environment or user secrets, never logged.</summary>
    public string? ApiKey { get; set; }

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(2);

    [Range(1, 50)]
    public int MaxAttempts { get; set; } = 5;

    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Failures, with no success between them inside the breaker's window, that open it (Polly's minimum is 2).</summary>
    [Range(2, 1000)]
    public int BreakerFailures { get; set; } = 5;

    /// <summary>How long an open breaker refuses calls before letting one trial call through (half-open).</summary>
    public TimeSpan BreakerOpen { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan CacheTtl { get; set; } = TimeSpan.FromDays(7);

    [Range(0, 100_000)]
    public int CostCents { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(BaseUrl);
}
