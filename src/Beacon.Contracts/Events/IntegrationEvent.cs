namespace Beacon.Contracts.Events;

/// <summary>
/// A fact one module tells the others. Written to the outbox in the same transaction as the change that caused it,
/// delivered at least once; handlers are idempotent by <see cref="Id"/>.
/// </summary>
public abstract record IntegrationEvent(Guid Id, Guid TenantId, DateTimeOffset OccurredAt);
