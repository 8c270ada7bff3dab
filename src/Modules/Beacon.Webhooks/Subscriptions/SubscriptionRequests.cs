using System.ComponentModel.DataAnnotations;

namespace Beacon.Webhooks.Subscriptions;

internal sealed record CreateSubscriptionRequest(
    [property: Required, StringLength(2048, MinimumLength = 1)] string Url,
    [property: Required, MinLength(1), MaxLength(20)] string[] EventTypes,
    [property: StringLength(500)] string? Description);

/// <summary>PATCH: the fields sent replace the subscription's. <c>active: true</c> re-enables a disabled one.</summary>
internal sealed record UpdateSubscriptionRequest(
    [property: StringLength(2048, MinimumLength = 1)] string? Url,
    [property: MinLength(1), MaxLength(20)] string[]? EventTypes,
    [property: StringLength(500)] string? Description,
    bool? Active);

/// <summary>
/// A subscription as the API shows it: never its secret (only its first characters, to tell secrets apart);
/// <paramref name="PreviousSecretExpiresAt"/> is set while a rotated-out secret still signs deliveries.
/// </summary>
internal sealed record SubscriptionResponse(Guid Id, string Url, string Description, string[] EventTypes, bool Active,
    string SecretHint, DateTimeOffset? PreviousSecretExpiresAt, int ConsecutiveFailures, DateTimeOffset? DisabledAt,
    string? DisabledReason, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>The only answers that show a secret: creation and rotation.</summary>
internal sealed record SubscriptionWithSecret(SubscriptionResponse Subscription, string Secret);
