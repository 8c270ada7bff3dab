namespace Beacon.SharedKernel.RateLimits;

/// <summary>One of the two counters a scope keeps: the principal's or the tenant's, and when its window ends.</summary>
public sealed record RateLimitCounter(string Name, int Quota, TimeSpan Window, int Remaining, TimeSpan ResetAfter);

/// <summary>
/// The answer for one request: allowed or not, and both counters after it. <see cref="Shared"/> is false while
/// Redis is unreachable and the limits are this node's own.
/// </summary>
public sealed record RateLimitDecision(RateLimitScope Scope, bool Allowed, RateLimitCounter Principal, RateLimitCounter Tenant,
    bool Shared)
{
    /// <summary>The counter that is closer to its quota (the one that refused, when refused): the one to watch.</summary>
    public RateLimitCounter Tightest =>
        Principal.Remaining < Tenant.Remaining || (Principal.Remaining == Tenant.Remaining && Principal.ResetAfter >= Tenant.ResetAfter)
            ? Principal : Tenant;

    /// <summary>When a call may succeed again: refused, when every spent counter has reset; else the tightest's reset.</summary>
    public TimeSpan ResetAfter => Allowed
        ? Tightest.ResetAfter
        : new[] { Principal, Tenant }.Where(c => c.Remaining == 0).Select(c => c.ResetAfter).DefaultIfEmpty(Tightest.ResetAfter).Max();
}

/// <summary>Counts calls against the tenant's policy, across every node of the deployment.</summary>
public interface IRateLimitGate
{
    /// <summary>Takes one unit of <paramref name="scope"/> if both counters allow it; otherwise takes nothing.</summary>
    ValueTask<RateLimitDecision> AcquireAsync(RateLimitScope scope, RateLimitSubject subject, CancellationToken ct);

    /// <summary>The counters as they stand, without taking anything.</summary>
    ValueTask<RateLimitDecision> PeekAsync(RateLimitScope scope, RateLimitSubject subject, CancellationToken ct);
}
