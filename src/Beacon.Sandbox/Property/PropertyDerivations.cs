using Beacon.Sandbox.Infrastructure;

namespace Beacon.Sandbox.Property;

/// <summary>
/// The fields the Sacramento file does not hold, derived deterministically from the record's canonical address:
/// year built and lot size (King County distribution for the same living-area band), owner occupancy (a share by
/// property type) and the AVM (sale price x <see cref="ValueIndex"/> x a per-house factor in [0.93, 1.07)).
/// </summary>
internal sealed class PropertyDerivations(KcDistributions kc)
{
    public int? YearBuilt(PropertyRecord record) =>
        record.LivingSqft is int sqft
            ? kc.Draw("yr_built", sqft, StableHash.Unit(record.Key, "yearbuilt"), max: record.SaleDate.Year)
            : null;

    /// <summary>Condos share their parcel, so ATTOM-style data reports no lot for them.</summary>
    public int? LotSqft(PropertyRecord record) =>
        record.Type == "Condo" ? null : kc.Draw("sqft_lot", record.LivingSqft ?? 0, StableHash.Unit(record.Key, "lot"));

    /// <summary>Shares of owner-occupied homes by type, roughly the US pattern (houses mostly owned, duplexes mostly let).</summary>
    public static bool OwnerOccupied(PropertyRecord record)
    {
        var share = record.Type switch
        {
            "Residential" => 0.72,
            "Condo" => 0.55,
            "Multi-Family" => 0.15,
            _ => 0.5,
        };
        return StableHash.Unit(record.Key, "owner") < share;
    }

    public static Avm Valuation(PropertyRecord record, DateOnly asOf)
    {
        var growth = ValueIndex.Factor(asOf.Year) / ValueIndex.Factor(record.SaleDate.Year);
        var house = 0.93 + (0.14 * StableHash.Unit(record.Key, "avm"));
        var value = RoundTo(record.SalePrice * growth * house, 1000);
        // A wider band and lower confidence for sales without building facts (mostly bulk lot sales).
        var spread = record.LivingSqft is null ? 0.20 : 0.08;
        var confidence = (record.LivingSqft is null ? 55 : 75) + (int)(StableHash.Unit(record.Key, "scr") * 20);
        return new Avm(value, RoundTo(value * (1 + spread), 1000), RoundTo(value * (1 - spread), 1000), confidence);
    }

    private static long RoundTo(double value, int step) => (long)Math.Round(value / step) * step;
}

internal sealed record Avm(long Value, long High, long Low, int Confidence);
