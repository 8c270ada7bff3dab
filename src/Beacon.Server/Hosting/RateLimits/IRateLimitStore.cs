namespace Beacon.Server.Hosting.RateLimits;

/// <summary>Both counters of one request: the principal's key and quota, the tenant's key and quota.</summary>
internal sealed record CounterKeys(string Principal, int PrincipalQuota, string Tenant, int TenantQuota, TimeSpan Window);

/// <summary>Counts after the call (or as they stand, when refused or peeked) and the time left in each window.</summary>
internal sealed record CounterState(bool Allowed, int PrincipalCount, TimeSpan PrincipalReset, int TenantCount, TimeSpan TenantReset);

/// <summary>
/// Fixed-window counters, each window starting at its counter's first call (not at a clock boundary, so a burst
/// cannot straddle two windows): take one from both keys only if neither is spent, atomically.
/// </summary>
internal interface IRateLimitStore
{
    ValueTask<CounterState> TakeAsync(CounterKeys keys, CancellationToken ct);

    ValueTask<CounterState> PeekAsync(CounterKeys keys, CancellationToken ct);
}
