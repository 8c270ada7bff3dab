using Beacon.Contracts.Events;

namespace Beacon.Contracts.Conversions;

/// <summary>
/// A deal of a lead was recorded or changed (by hand, or from the lead's stage change to closed). A
/// deal at stage <c>closed</c> moves its lead to stage closed (Leads), and so becomes scoring's converted outcome
/// through the one path stage changes take; the dashboards refresh on it. Amounts are integer cents.
/// </summary>
[EventName("lead.deal_recorded")]
public sealed record LeadDealRecorded(Guid Id, Guid TenantId, DateTimeOffset OccurredAt, Guid LeadId, Guid DealId, string Stage,
    Guid? AgentId, Guid? ActorId, string Origin, long? PriceCents, long? CommissionCents, string Currency)
    : IntegrationEvent(Id, TenantId, OccurredAt);

/// <summary>
/// The lead's count moved between the conversion reports' cells (created, advanced, reassigned, deleted), committed
/// with that move: a screen that re-reads the reports on it sees the change. Not a change of its own (not audited).
/// </summary>
[EventName("lead.figures_changed")]
public sealed record LeadFiguresChanged(Guid Id, Guid TenantId, DateTimeOffset OccurredAt, Guid LeadId)
    : IntegrationEvent(Id, TenantId, OccurredAt);
