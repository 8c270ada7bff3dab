namespace Beacon.Webhooks.Subscriptions;

/// <summary>A subscription as Dapper reads it (settable properties take any compatible column type).</summary>
internal sealed class SubscriptionRow
{
    public Guid Id { get; set; }

    public string Url { get; set; } = "";

    public string Description { get; set; } = "";

    public string[] EventTypes { get; set; } = [];

    public bool Active { get; set; }

    public string SecretHint { get; set; } = "";

    public DateTimeOffset? PreviousSecretExpiresAt { get; set; }

    public int ConsecutiveFailures { get; set; }

    public DateTimeOffset? DisabledAt { get; set; }

    public string? DisabledReason { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public SubscriptionResponse ToResponse() => new(Id, Url, Description, EventTypes, Active, SecretHint, PreviousSecretExpiresAt,
        ConsecutiveFailures, DisabledAt, DisabledReason, CreatedAt, UpdatedAt);
}
