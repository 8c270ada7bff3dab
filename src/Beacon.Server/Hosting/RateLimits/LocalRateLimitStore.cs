namespace Beacon.Server.Hosting.RateLimits;

/// <summary>
/// This node's own counters: the store without Redis, and the fallback while Redis is unreachable (each node then
/// allows up to the quota by itself). Same windows as in Redis; ended windows are swept once a minute.
/// </summary>
internal sealed class LocalRateLimitStore(TimeProvider clock) : IRateLimitStore
{
    private readonly Dictionary<string, (int Count, DateTimeOffset Ends)> _counters = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private DateTimeOffset _nextSweep;

    public ValueTask<CounterState> TakeAsync(CounterKeys keys, CancellationToken ct) => ValueTask.FromResult(Count(keys, take: true));

    public ValueTask<CounterState> PeekAsync(CounterKeys keys, CancellationToken ct) => ValueTask.FromResult(Count(keys, take: false));

    private CounterState Count(CounterKeys keys, bool take)
    {
        var now = clock.GetUtcNow();
        lock (_lock)
        {
            Sweep(now);
            var p = Current(keys.Principal, now);
            var t = Current(keys.Tenant, now);
            if (take && p.Count < keys.PrincipalQuota && t.Count < keys.TenantQuota)
            {
                p = Increment(keys.Principal, p, now, keys.Window);
                t = Increment(keys.Tenant, t, now, keys.Window);
                return new CounterState(true, p.Count, p.Ends - now, t.Count, t.Ends - now);
            }

            return new CounterState(!take, p.Count, Reset(p, now, keys.Window), t.Count, Reset(t, now, keys.Window));
        }
    }

    private (int Count, DateTimeOffset Ends) Current(string key, DateTimeOffset now) =>
        _counters.TryGetValue(key, out var c) && c.Ends > now ? c : (0, DateTimeOffset.MinValue);

    private (int Count, DateTimeOffset Ends) Increment(string key, (int Count, DateTimeOffset Ends) c, DateTimeOffset now, TimeSpan window)
    {
        var next = c.Count == 0 ? (1, now + window) : (c.Count + 1, c.Ends);
        _counters[key] = next;
        return next;
    }

    private static TimeSpan Reset((int Count, DateTimeOffset Ends) c, DateTimeOffset now, TimeSpan window) =>
        c.Count == 0 ? window : c.Ends - now;

    private void Sweep(DateTimeOffset now)
    {
        if (now < _nextSweep)
        {
            return;
        }

        _nextSweep = now.AddMinutes(1);
        foreach (var (key, _) in _counters.Where(c => c.Value.Ends <= now).ToList())
        {
            _counters.Remove(key);
        }
    }
}
