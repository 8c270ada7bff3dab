using Beacon.SharedKernel.RateLimits;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Beacon.Server.Hosting.RateLimits;

/// <summary>
/// The policy's one gate: quotas from <see cref="RateLimitOptions"/> scaled by the tenant's plan, counted in Redis
/// when it is configured and reachable, else in this node's <see cref="LocalRateLimitStore"/> (fail-open: each node
/// then enforces the quotas by itself). Leaving and regaining Redis is logged once each.
/// </summary>
internal sealed partial class RateLimitGate(
    IOptionsMonitor<RateLimitOptions> options,
    LocalRateLimitStore local,
    IRateLimitPlanLookup plans,
    RateLimitMetrics metrics,
    ILogger<RateLimitGate> logger,
    IConnectionMultiplexer? redis = null) : IRateLimitGate
{
    private readonly RedisRateLimitStore? _shared = redis is null ? null : new RedisRateLimitStore(redis);
    private int _degraded;

    public ValueTask<RateLimitDecision> AcquireAsync(RateLimitScope scope, RateLimitSubject subject, CancellationToken ct) =>
        DecideAsync(scope, subject, take: true, ct);

    public ValueTask<RateLimitDecision> PeekAsync(RateLimitScope scope, RateLimitSubject subject, CancellationToken ct) =>
        DecideAsync(scope, subject, take: false, ct);

    private async ValueTask<RateLimitDecision> DecideAsync(RateLimitScope scope, RateLimitSubject subject, bool take, CancellationToken ct)
    {
        var quota = options.CurrentValue.For(scope);
        var multiplier = await MultiplierAsync(subject.TenantId, ct);
        var name = RateLimitFilter.WireName(scope);
        var keys = new CounterKeys(
            $"t:{subject.TenantId:N}:rl:{name}:{subject.PrincipalKind}:{subject.PrincipalId}", Scale(quota.PerPrincipal, multiplier),
            $"t:{subject.TenantId:N}:rl:{name}:tenant", Scale(quota.PerTenant, multiplier), quota.Window);
        var (state, shared) = await CountAsync(keys, take, ct);
        var decision = new RateLimitDecision(scope, state.Allowed,
            new RateLimitCounter(subject.PrincipalKind == "key" ? "api-key" : "user", keys.PrincipalQuota, quota.Window,
                Math.Max(0, keys.PrincipalQuota - state.PrincipalCount), state.PrincipalReset),
            new RateLimitCounter("tenant", keys.TenantQuota, quota.Window, Math.Max(0, keys.TenantQuota - state.TenantCount),
                state.TenantReset),
            shared);
        if (take)
        {
            metrics.Record(name, decision.Allowed, shared);
        }

        return decision;
    }

    private async ValueTask<(CounterState State, bool Shared)> CountAsync(CounterKeys keys, bool take, CancellationToken ct)
    {
        if (_shared is not null && redis!.IsConnected)
        {
            try
            {
                var state = take ? await _shared.TakeAsync(keys, ct) : await _shared.PeekAsync(keys, ct);
                if (Interlocked.Exchange(ref _degraded, 0) == 1)
                {
                    LogRedisBack();
                }

                return (state, true);
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                if (Interlocked.Exchange(ref _degraded, 1) == 0)
                {
                    LogRedisLost(e);
                }
            }
        }
        else if (_shared is not null && Interlocked.Exchange(ref _degraded, 1) == 0)
        {
            LogRedisLost(null);
        }

        return (take ? await local.TakeAsync(keys, ct) : await local.PeekAsync(keys, ct), false);
    }

    private async ValueTask<double> MultiplierAsync(Guid tenantId, CancellationToken ct)
    {
        var plan = await plans.PlanCodeAsync(tenantId, ct);
        return plan is not null && options.CurrentValue.Plans.TryGetValue(plan, out var m) && m > 0 ? m : 1;
    }

    private static int Scale(int quota, double multiplier) => (int)Math.Clamp(Math.Round(quota * multiplier), 1, int.MaxValue);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis is unreachable: rate limits are counted per node until it is back (fail-open)")]
    private partial void LogRedisLost(Exception? error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis is back: rate limits are shared across nodes again")]
    private partial void LogRedisBack();
}
