namespace Beacon.Billing.Rating;

/// <summary>One invoice line; <paramref name="Key"/> is stable across re-ratings so lines are upserted, never duplicated.</summary>
internal sealed record RatedLine(string Key, string Kind, string? Meter, string Description, long Quantity, long Included,
    long UnitCents, long AmountCents);

/// <summary>A month rated: its lines and totals in integer cents.</summary>
internal sealed record RatedMonth(string PlanCode, string Currency, IReadOnlyList<RatedLine> Lines, long SubtotalCents,
    int TaxRateBasisPoints, long TaxCents, long TotalCents)
{
    public long AmountDueCents => Math.Max(0, TotalCents);
}

/// <summary>A meter's distinct usage in the month (every dimension together).</summary>
internal sealed record MeterTotal(string Meter, long Quantity);
