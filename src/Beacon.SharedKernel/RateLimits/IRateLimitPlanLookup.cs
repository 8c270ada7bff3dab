namespace Beacon.SharedKernel.RateLimits;

/// <summary>
/// The tenant's plan code, which scales its quotas (<c>Beacon:RateLimits:Plans</c>). Billing answers it; until a
/// module registers one, every tenant is on the base quotas. Called on every counted request: implementations cache.
/// </summary>
public interface IRateLimitPlanLookup
{
    ValueTask<string?> PlanCodeAsync(Guid tenantId, CancellationToken ct);
}

/// <summary>No plan known: base quotas for everyone.</summary>
public sealed class NoRateLimitPlans : IRateLimitPlanLookup
{
    public ValueTask<string?> PlanCodeAsync(Guid tenantId, CancellationToken ct) => ValueTask.FromResult<string?>(null);
}
