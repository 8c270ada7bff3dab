using Beacon.SharedKernel.RateLimits;

namespace Beacon.Server.Hosting.RateLimits;

/// <summary>A scope's quotas per window: one for each principal (user or API key), one for the whole tenant.</summary>
internal sealed class ScopeQuota
{
    public int PerPrincipal { get; set; }

    public int PerTenant { get; set; }

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>The one rate-limit policy (<c>Beacon:RateLimits</c>): quotas per scope, scaled by the tenant's plan.</summary>
internal sealed class RateLimitOptions
{
    public const string Section = "Beacon:RateLimits";

    /// <summary>Sign-up/login/refresh calls per client address per minute (no principal yet, so per address).</summary>
    public int AuthPerMinute { get; set; } = 30;

    public ScopeQuota Rest { get; set; } = new() { PerPrincipal = 3_000, PerTenant = 20_000 };

    public ScopeQuota Socket { get; set; } = new() { PerPrincipal = 600, PerTenant = 6_000 };

    public ScopeQuota Assistant { get; set; } = new() { PerPrincipal = 20, PerTenant = 200 };

    public ScopeQuota Import { get; set; } = new() { PerPrincipal = 20, PerTenant = 100, Window = TimeSpan.FromHours(1) };

    /// <summary>Each plan's multiplier of the quotas above, by plan code; a tenant without a known plan gets 1.</summary>
    public Dictionary<string, double> Plans { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["starter"] = 1,
        ["team"] = 2,
        ["brokerage"] = 5,
    };

    public ScopeQuota For(RateLimitScope scope) => scope switch
    {
        RateLimitScope.Rest => Rest,
        RateLimitScope.Socket => Socket,
        RateLimitScope.Assistant => Assistant,
        _ => Import,
    };
}
