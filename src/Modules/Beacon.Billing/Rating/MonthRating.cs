using System.Globalization;
using Beacon.Billing.Plans;
using Beacon.Contracts.Billing;

namespace Beacon.Billing.Rating;

/// <summary>
/// Rates one month, as a pure function of its inputs (so a re-run gives the same lines). Plans are prorated by the
/// second: a period's share of the month is its seconds over the month's seconds, rounded half away from zero to
/// a cent. A period that covers the month's start is charged the full monthly price, with a proration credit for the
/// part after it ended; a period starting mid-month is charged its share; time inside the trial is credited back.
/// Usage is rated against the plan in force at the month's end (its included units and overage prices).
/// </summary>
internal static class MonthRating
{
    public static RatedMonth Rate(BillingMonth month, IReadOnlyList<PlanPeriod> periods, IReadOnlyList<Plan> plans,
        IReadOnlyList<MeterTotal> usage, DateTimeOffset? trialEndsAt, int taxRateBasisPoints, string fallbackPlan)
    {
        var lines = new List<RatedLine>();
        Plan? last = null;
        foreach (var period in periods.OrderBy(p => p.StartsAt))
        {
            var from = Max(period.StartsAt, month.Start);
            var to = Min(period.EndsAt ?? month.End, month.End);
            if (to <= from)
            {
                continue;
            }

            var plan = plans.Single(p => p.Code == period.PlanCode);
            last = plan;
            var stamp = from.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
            var coversStart = period.StartsAt <= month.Start;
            var charge = coversStart ? plan.MonthlyPriceCents : Share(plan.MonthlyPriceCents, to - from, month);
            lines.Add(new RatedLine($"plan:{plan.Code}:{stamp}", "plan", null,
                $"{plan.Name} plan, {Day(from)} – {Day(to.AddSeconds(-1))}", 1, 0, plan.MonthlyPriceCents, charge));
            if (coversStart && to < month.End)
            {
                var unused = plan.MonthlyPriceCents - Share(plan.MonthlyPriceCents, to - month.Start, month);
                lines.Add(new RatedLine($"credit:{plan.Code}:{stamp}", "proration_credit", null,
                    $"Unused time on {plan.Name} from {Day(to)}", 1, 0, -unused, -unused));
            }

            if (trialEndsAt is { } trialEnd && Min(to, trialEnd) > from)
            {
                var free = Share(plan.MonthlyPriceCents, Min(to, trialEnd) - from, month);
                lines.Add(new RatedLine($"trial:{plan.Code}:{stamp}", "proration_credit", null,
                    $"Free trial on {plan.Name} until {Day(trialEnd)}", 1, 0, -free, -free));
            }
        }

        // No period in the month (it predates the subscription): usage is rated on the subscription's plan.
        last ??= plans.Single(p => p.Code == fallbackPlan);
        foreach (var meter in UsageMeters.All)
        {
            var quantity = usage.Where(u => u.Meter == meter).Sum(u => u.Quantity);
            if (quantity == 0)
            {
                continue;
            }

            var terms = last.MeterOf(meter) ?? new PlanMeter(meter, 0, 0, 1);
            lines.Add(new RatedLine($"usage:{meter}", "usage", meter, Describe(meter, quantity, terms), quantity, terms.Included,
                terms.OverageUnitCents, terms.OverageCents(quantity)));
        }

        var subtotal = lines.Sum(l => l.AmountCents);
        var tax = subtotal <= 0 ? 0 : (long)Math.Round(subtotal * (decimal)taxRateBasisPoints / 10_000m, MidpointRounding.AwayFromZero);
        return new RatedMonth(last.Code, last.Currency, lines, subtotal, taxRateBasisPoints, tax, subtotal + tax);
    }

    /// <summary>The price of <paramref name="span"/> of the month, to the nearest cent.</summary>
    public static long Share(long monthlyCents, TimeSpan span, BillingMonth month) =>
        (long)Math.Round(monthlyCents * (decimal)span.TotalSeconds / (decimal)(month.End - month.Start).TotalSeconds,
            MidpointRounding.AwayFromZero);

    private static string Describe(string meter, long quantity, PlanMeter terms)
    {
        var name = CultureInfo.InvariantCulture.TextInfo.ToTitleCase(meter.Replace('_', ' '));
        var over = Math.Max(0, quantity - terms.Included);
        var c = CultureInfo.InvariantCulture;
        var unit = terms.UnitSize == 1 ? "each" : string.Create(c, $"per {terms.UnitSize:N0}");
        return over == 0
            ? string.Create(c, $"{name}: {quantity:N0} of {terms.Included:N0} included")
            : string.Create(c, $"{name}: {quantity:N0} ({terms.Included:N0} included, {over:N0} over at ${terms.OverageUnitCents / 100m:0.00} {unit})");
    }

    private static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("MMM d", CultureInfo.InvariantCulture);

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
