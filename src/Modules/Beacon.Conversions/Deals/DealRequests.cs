namespace Beacon.Conversions.Deals;

/// <summary>A deal as recorded by hand. Money is integer cents in <see cref="Currency"/> (ISO 4217, default USD).</summary>
/// <param name="Stage">How far the deal got: <c>offer</c>, <c>under_contract</c> or <c>closed</c> (a conversion).</param>
/// <param name="CloseDate">The (expected) closing date; a closed deal without one closed today (UTC).</param>
/// <param name="CommissionCents">Gross commission income (GCI) of the brokerage on this deal.</param>
internal sealed record RecordDealRequest(Guid? LeadId, Guid? AgentId, string? Stage, DateOnly? CloseDate, long? PriceCents,
    long? CommissionCents, string? Currency);

/// <summary>A change to a deal: only the fields sent change.</summary>
internal sealed record UpdateDealRequest(Guid? AgentId, string? Stage, DateOnly? CloseDate, long? PriceCents,
    long? CommissionCents, string? Currency);

internal sealed record DealResponse(Guid Id, Guid LeadId, Guid? AgentId, string Stage, DateOnly? CloseDate, long? PriceCents,
    long? CommissionCents, string Currency, string Origin, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, int Version);

internal sealed record DealPage(IReadOnlyList<DealResponse> Items, int Total);

internal static class DealStages
{
    public static readonly string[] All = ["offer", "under_contract", "closed"];
}
