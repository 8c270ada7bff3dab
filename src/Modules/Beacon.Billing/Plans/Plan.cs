namespace Beacon.Billing.Plans;

/// <summary>A plan as sold: a monthly price, a trial, and per meter what is included and what more costs.</summary>
internal sealed record Plan(string Code, string Name, long MonthlyPriceCents, string Currency, int TrialDays,
    IReadOnlyList<PlanMeter> Meters)
{
    public PlanMeter? MeterOf(string meter) => Meters.FirstOrDefault(m => m.Meter == meter);
}

/// <summary>Beyond <paramref name="Included"/> units, each started block of <paramref name="UnitSize"/> costs <paramref name="OverageUnitCents"/>.</summary>
internal sealed record PlanMeter(string Meter, long Included, long OverageUnitCents, long UnitSize)
{
    public long OverageCents(long quantity)
    {
        var over = Math.Max(0, quantity - Included);
        return (over + UnitSize - 1) / UnitSize * OverageUnitCents;
    }
}
