using Beacon.Contracts.Events;

namespace Beacon.Contracts.Scoring;

/// <summary>
/// A manager changed how the tenant's scores are served: the challenger's traffic share (null = the configured
/// default; <paramref name="EffectivePercent"/> is what serving uses) or the kill switch (rules for every lead).
/// </summary>
[EventName("scoring.serving_changed")]
public sealed record ServingControlChanged(Guid Id, Guid TenantId, DateTimeOffset OccurredAt, int? ChallengerPercent,
    int EffectivePercent, bool RulesOnly, Guid? ActorId, string? Reason)
    : IntegrationEvent(Id, TenantId, OccurredAt);
