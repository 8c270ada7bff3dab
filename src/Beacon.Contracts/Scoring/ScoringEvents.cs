using Beacon.Contracts.Events;

namespace Beacon.Contracts.Scoring;

/// <summary>A lead's served score changed materially (first score, grade change, or a move of at least the threshold).</summary>
[EventName("lead.scored")]
public sealed record LeadScored(Guid Id, Guid TenantId, DateTimeOffset OccurredAt, Guid LeadId, double Probability,
    string Grade, double? PreviousProbability, string? PreviousGrade, string Method, int? ModelVersion)
    : IntegrationEvent(Id, TenantId, OccurredAt);

/// <summary>A model version became the tenant's champion (who and why are recorded).</summary>
[EventName("scoring.model_promoted")]
public sealed record ModelPromoted(Guid Id, Guid TenantId, DateTimeOffset OccurredAt, int Version, int? PreviousVersion,
    Guid? ActorId, string Reason)
    : IntegrationEvent(Id, TenantId, OccurredAt);

/// <summary>The champion was rolled back to the version it replaced.</summary>
[EventName("scoring.model_rolled_back")]
public sealed record ModelRolledBack(Guid Id, Guid TenantId, DateTimeOffset OccurredAt, int FromVersion, int? ToVersion,
    Guid? ActorId, string Reason)
    : IntegrationEvent(Id, TenantId, OccurredAt);

/// <summary>Live feature values drifted from the champion's training data (population stability index over the threshold).</summary>
[EventName("scoring.drift_detected")]
public sealed record ModelDriftDetected(Guid Id, Guid TenantId, DateTimeOffset OccurredAt, int Version,
    IReadOnlyDictionary<string, double> Psi, double Threshold)
    : IntegrationEvent(Id, TenantId, OccurredAt);
