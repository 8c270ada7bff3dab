using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Beacon.Server.Hosting.RateLimits;

/// <summary>Rate-limit decisions by scope, outcome and store (shared in Redis or this node's own): tenant-free tags.</summary>
internal sealed class RateLimitMetrics
{
    public const string MeterName = "Beacon.RateLimits";

    private readonly Counter<long> _decisions;

    public RateLimitMetrics(IMeterFactory meters) =>
        _decisions = meters.Create(MeterName).CreateCounter<long>("beacon.rate_limit.decisions", "{request}",
            "Requests counted against the rate-limit policy, by scope, outcome (allowed, refused) and store (shared, local).");

    public void Record(string scope, bool allowed, bool shared) => _decisions.Add(1, new TagList
    {
        { "scope", scope },
        { "outcome", allowed ? "allowed" : "refused" },
        { "store", shared ? "shared" : "local" },
    });
}
