namespace Beacon.Webhooks.Events;

/// <summary>
/// One thing to tell subscribers: its type, the integration event it came from (the key that keeps its deliveries
/// single), the lead it concerns (so an erasure finds it) and the <c>data</c> object of the envelope.
/// </summary>
internal sealed record WebhookEvent(string Type, Guid EventId, DateTimeOffset OccurredAt, Guid? LeadId, object Data);
