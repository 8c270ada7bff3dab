using Beacon.Contracts.Events;

namespace Beacon.Contracts.Identity;

[EventName("tenant.created")]
public sealed record TenantCreated(Guid Id, Guid TenantId, DateTimeOffset OccurredAt, string Name, Guid OwnerUserId)
    : IntegrationEvent(Id, TenantId, OccurredAt);

[EventName("user.joined")]
public sealed record UserJoined(Guid Id, Guid TenantId, DateTimeOffset OccurredAt, Guid UserId, string Email, string DisplayName,
    string Role, Guid? TeamId)
    : IntegrationEvent(Id, TenantId, OccurredAt);

[EventName("user.changed")]
public sealed record UserChanged(Guid Id, Guid TenantId, DateTimeOffset OccurredAt, Guid UserId, string Role, bool Active, Guid? TeamId)
    : IntegrationEvent(Id, TenantId, OccurredAt);
