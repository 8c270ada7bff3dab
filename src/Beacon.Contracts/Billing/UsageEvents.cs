using Beacon.Contracts.Events;

namespace Beacon.Contracts.Billing;

/// <summary>
/// Something billable happened: <paramref name="Quantity"/> units of <paramref name="Meter"/> (one of
/// <see cref="UsageMeters"/>), split by <paramref name="Dimension"/> (a provider, a channel; "" when none).
/// <paramref name="IdempotencyKey"/> names the source occurrence (e.g. <c>enrichment:{callToken}:{attempt}</c>): billing
/// counts each key once per tenant and month, however often the event is retried or re-published. The month is
/// <see cref="IntegrationEvent.OccurredAt"/>'s (UTC). <paramref name="CostCents"/> is what the occurrence cost us
/// (a provider's price), shown beside the usage; 0 when free. Quantities below zero are refused.
/// </summary>
[EventName("billing.usage_recorded")]
public sealed record UsageRecorded(Guid Id, Guid TenantId, DateTimeOffset OccurredAt, string Meter, long Quantity,
    string Dimension, string IdempotencyKey, long CostCents = 0)
    : IntegrationEvent(Id, TenantId, OccurredAt);

/// <summary>The meters billing rates; other names are refused.</summary>
public static class UsageMeters
{
    public const string LeadsCaptured = "leads_captured";
    public const string LeadsImported = "leads_imported";
    public const string LeadsScored = "leads_scored";
    public const string EnrichmentCalls = "enrichment_calls";
    public const string ActiveSeats = "active_seats";
    public const string AssistantMessages = "assistant_messages";
    public const string AssistantTokens = "assistant_tokens";
    public const string WorkflowSends = "workflow_sends";

    public static IReadOnlyList<string> All { get; } =
        [LeadsCaptured, LeadsImported, LeadsScored, EnrichmentCalls, ActiveSeats, AssistantMessages, AssistantTokens, WorkflowSends];
}
