using Beacon.Contracts.Events;

namespace Beacon.Contracts.Identity;

[EventName("tenant.created")]
public sealed record TenantCreated(Guid Id, Guid TenantId, DateTimeOffset OccurredAt, string Name, Guid OwnerUserId)
    : IntegrationEvent(Id, TenantId, OccurredAt);

[EventName("user.joined")]
public sealed record UserJoined(Guid Id, Guid TenantId, DateTimeOffset OccurredAt, Guid UserId, string Email, string DisplayName,
    string Role, Guid? TeamId)
    : IntegrationEvent(Id, TenantId, OccurredAt);

/// <summary>A user changed their own profile: the name colleagues and leads see, a phone, an e-mail signature (each null when cleared).</summary>
[EventName("user.profile_changed")]
public sealed record UserProfileChanged(Guid Id, Guid TenantId, DateTimeOffset OccurredAt, Guid UserId, string DisplayName,
    string? Phone, string? Signature)
    : IntegrationEvent(Id, TenantId, OccurredAt);

[EventName("user.changed")]
public sealed record UserChanged(Guid Id, Guid TenantId, DateTimeOffset OccurredAt, Guid UserId, string Role, bool Active, Guid? TeamId)
    : IntegrationEvent(Id, TenantId, OccurredAt);
