using StackExchange.Redis;

namespace Beacon.Server.Hosting.RateLimits;

/// <summary>
/// The shared counters: one Lua script checks and increments both keys atomically, and Redis expires each counter
/// when its window ends, so every node counts in the same window whatever its own clock says. Keys start with the
/// tenant id.
/// </summary>
internal sealed class RedisRateLimitStore(IConnectionMultiplexer redis) : IRateLimitStore
{
    // KEYS: principal's, tenant's counter. ARGV: principal quota, tenant quota, window ms, take (1) or peek (0).
    // PTTL of a counter not yet started is negative: the whole window is ahead of it.
    private const string Script = """
        local w = tonumber(ARGV[3])
        local p = tonumber(redis.call('GET', KEYS[1]) or '0')
        local c = tonumber(redis.call('GET', KEYS[2]) or '0')
        if ARGV[4] == '1' and p < tonumber(ARGV[1]) and c < tonumber(ARGV[2]) then
          p = redis.call('INCR', KEYS[1])
          if p == 1 then redis.call('PEXPIRE', KEYS[1], w) end
          c = redis.call('INCR', KEYS[2])
          if c == 1 then redis.call('PEXPIRE', KEYS[2], w) end
          return {1, p, redis.call('PTTL', KEYS[1]), c, redis.call('PTTL', KEYS[2])}
        end
        local allowed = (ARGV[4] == '0') and 1 or 0
        return {allowed, p, redis.call('PTTL', KEYS[1]), c, redis.call('PTTL', KEYS[2])}
        """;

    public ValueTask<CounterState> TakeAsync(CounterKeys keys, CancellationToken ct) => RunAsync(keys, take: true);

    public ValueTask<CounterState> PeekAsync(CounterKeys keys, CancellationToken ct) => RunAsync(keys, take: false);

    private static TimeSpan Reset(long pttl, TimeSpan window) => pttl >= 0 ? TimeSpan.FromMilliseconds(pttl) : window;

    private async ValueTask<CounterState> RunAsync(CounterKeys keys, bool take)
    {
        var result = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(Script,
            [keys.Principal, keys.Tenant],
            [keys.PrincipalQuota, keys.TenantQuota, (long)keys.Window.TotalMilliseconds, take ? 1 : 0]))!;
        return new CounterState((int)result[0] == 1, (int)result[1], Reset((long)result[2], keys.Window),
            (int)result[3], Reset((long)result[4], keys.Window));
    }
}
