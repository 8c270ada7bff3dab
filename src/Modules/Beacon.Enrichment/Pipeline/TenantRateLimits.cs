using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Beacon.Enrichment.Pipeline;

/// <summary>
/// A per-tenant, per-provider call rate on this node (token bucket, <c>TenantCallsPerSecond</c>), so one tenant's
/// bulk import cannot use up a provider's rate limit for everybody. A step over the rate waits (a second) and is
/// dispatched again; it is not failed.
/// </summary>
internal sealed class TenantRateLimits(IOptions<EnrichmentOptions> options) : IDisposable
{
    private readonly ConcurrentDictionary<(Guid, string), TokenBucketRateLimiter> _buckets = new();

    public bool TryAcquire(Guid tenantId, string provider)
    {
        var perSecond = options.Value.TenantCallsPerSecond;
        if (perSecond <= 0)
        {
            return true;
        }

        var bucket = _buckets.GetOrAdd((tenantId, provider), _ => new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = perSecond,
            TokensPerPeriod = perSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
        using var lease = bucket.AttemptAcquire();
        return lease.IsAcquired;
    }

    public void Dispose()
    {
        foreach (var bucket in _buckets.Values)
        {
            bucket.Dispose();
        }
    }
}
