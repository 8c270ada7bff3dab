using Beacon.Contracts.Billing;

namespace Beacon.Billing.Usage;

/// <summary>One distinct billable occurrence, as stored: its key makes it count once per tenant, month and meter.</summary>
internal sealed record UsageEntry(string Meter, string IdempotencyKey, long Quantity, DateTimeOffset OccurredAt,
    string Dimension = "", long CostCents = 0)
{
    public const int MaxKeyLength = 200;
    public const int MaxDimensionLength = 100;

    /// <summary>Why the entry is refused, or null when it may be counted.</summary>
    public string? Problem() => this switch
    {
        { Quantity: < 0 } => "quantity must not be negative",
        { CostCents: < 0 } => "costCents must not be negative",
        _ when !UsageMeters.All.Contains(Meter) => $"unknown meter '{Meter}'",
        _ when string.IsNullOrWhiteSpace(IdempotencyKey) || IdempotencyKey.Length > MaxKeyLength => "idempotencyKey must be 1–200 characters",
        _ when Dimension.Length > MaxDimensionLength => "dimension must be at most 100 characters",
        _ => null,
    };
}
