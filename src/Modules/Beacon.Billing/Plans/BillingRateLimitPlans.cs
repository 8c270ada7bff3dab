using System.Collections.Concurrent;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.RateLimits;
using Dapper;

namespace Beacon.Billing.Plans;

/// <summary>
/// The tenant's plan for the rate-limit policy (ADR 0023), read from its subscription and kept for half a minute: the
/// gate asks on every counted request. A plan change on this node applies at once (<see cref="Forget"/>); other nodes
/// see it within <see cref="Freshness"/>. A tenant without a subscription yet (it is started by an event just after
/// sign-up) is on the base quotas and asked again after the same interval.
/// </summary>
internal sealed class BillingRateLimitPlans(Db db, TimeProvider clock) : IRateLimitPlanLookup
{
    public static readonly TimeSpan Freshness = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<Guid, (string? Plan, DateTimeOffset At)> _plans = new();

    public async ValueTask<string?> PlanCodeAsync(Guid tenantId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (_plans.TryGetValue(tenantId, out var known) && now - known.At < Freshness)
        {
            return known.Plan;
        }

        await using var conn = await db.OpenAsync(tenantId, ct);
        var plan = await conn.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT plan_code FROM billing.subscriptions WHERE tenant_id = @tenantId", new { tenantId }, cancellationToken: ct));
        _plans[tenantId] = (plan, now);
        return plan;
    }

    public void Forget(Guid tenantId) => _plans.TryRemove(tenantId, out _);
}
