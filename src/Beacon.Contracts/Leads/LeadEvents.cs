using Beacon.Contracts.Events;

namespace Beacon.Contracts.Leads;

/// <summary>One field's value before and after a change, as JSON text (null when absent).</summary>
public sealed record LeadFieldChange(string Field, string? Previous, string? Current);

[EventName("lead.created")]
public sealed record LeadCreated(Guid Id, Guid TenantId, DateTimeOffset OccurredAt, Guid LeadId, string Source, string Type,
    string Stage, Guid? AssignedTo, Guid? ImportId)
    : IntegrationEvent(Id, TenantId, OccurredAt);

[EventName("lead.updated")]
public sealed record LeadUpdated(Guid Id, Guid TenantId, DateTimeOffset OccurredAt, Guid LeadId, Guid? ActorId,
    IReadOnlyList<LeadFieldChange> Changes)
    : IntegrationEvent(Id, TenantId, OccurredAt);

/// <summary>A capture matched an existing lead: what it added and what it disagreed on (kept, not overwritten).</summary>
[EventName("lead.merged")]
public sealed record LeadMerged(Guid Id, Guid TenantId, DateTimeOffset OccurredAt, Guid LeadId, string Source,
    IReadOnlyList<LeadFieldChange> Changes, IReadOnlyList<LeadFieldChange> Conflicts, Guid? ImportId)
    : IntegrationEvent(Id, TenantId, OccurredAt);

[EventName("lead.assigned")]
public sealed record LeadAssigned(Guid Id, Guid TenantId, DateTimeOffset OccurredAt, Guid LeadId, Guid? PreviousAgentId,
    Guid? AgentId, string Reason)
    : IntegrationEvent(Id, TenantId, OccurredAt);

[EventName("lead.activity_added")]
public sealed record LeadActivityAdded(Guid Id, Guid TenantId, DateTimeOffset OccurredAt, Guid LeadId, Guid ActivityId,
    string Type, Guid? ActorId)
    : IntegrationEvent(Id, TenantId, OccurredAt);

[EventName("lead.deleted")]
public sealed record LeadDeleted(Guid Id, Guid TenantId, DateTimeOffset OccurredAt, Guid LeadId, Guid? ActorId)
    : IntegrationEvent(Id, TenantId, OccurredAt);

/// <summary>Progress of a bulk import (for a progress bar); imports never publish per-lead notifications.</summary>
[EventName("lead.import_progress")]
public sealed record LeadImportProgress(Guid Id, Guid TenantId, DateTimeOffset OccurredAt, Guid ImportId, int Percent,
    long RowsProcessed)
    : IntegrationEvent(Id, TenantId, OccurredAt);

/// <summary>A whole import batch finished (or was undone): one event for the batch.</summary>
[EventName("lead.imported")]
public sealed record LeadImported(Guid Id, Guid TenantId, DateTimeOffset OccurredAt, Guid ImportId, string Status,
    long Created, long Merged, long Rejected)
    : IntegrationEvent(Id, TenantId, OccurredAt);
