namespace Beacon.Conversions.Reports;

/// <summary>
/// Where a range's breakdowns (funnel, by source, agent and team) are read from (ADR 0032): the UTC months it covers
/// whole from the monthly rollup, the whole UTC days around them from the daily rollup, and the hours left at its two
/// edges from the hourly cells. Each hour of the range is covered once, so the sums are those of the hourly cells. The
/// breakdowns do not group by local week, so unlike <see cref="FunnelSpans"/> no day is cut for the cohorts.
/// </summary>
internal sealed record RollupSpans(DateTime[] Months, DateTime[] Days, DateTime[] Hours)
{
    public static RollupSpans Of(ReportRange range)
    {
        var (months, days, hours) = (new List<DateTime>(), new List<DateTime>(), new List<DateTime>());
        var from = range.FromUtc.UtcDateTime;
        var to = range.ToUtc.UtcDateTime;
        foreach (var (monthsBefore, monthsAfter) in Edges(from, to, Whole(from, to, m => new DateTime(m.Year, m.Month, 1, 0, 0, 0, DateTimeKind.Utc),
                     m => m.AddMonths(1), months)))
        {
            foreach (var (daysBefore, daysAfter) in Edges(monthsBefore, monthsAfter, Whole(monthsBefore, monthsAfter, d => d.Date, d => d.AddDays(1), days)))
            {
                for (var hour = daysBefore; hour < daysAfter; hour = hour.AddHours(1))
                {
                    hours.Add(hour);
                }
            }
        }

        return new RollupSpans([.. months], [.. days], [.. hours]);
    }

    /// <summary>Adds the periods lying wholly inside [from, to) to <paramref name="periods"/>; answers the span they cover.</summary>
    private static (DateTime Start, DateTime End)? Whole(DateTime from, DateTime to, Func<DateTime, DateTime> floor, Func<DateTime, DateTime> next,
        List<DateTime> periods)
    {
        var start = floor(from) == from ? from : next(floor(from));
        var end = start;
        while (next(end) <= to)
        {
            periods.Add(end);
            end = next(end);
        }

        return end == start ? null : (start, end);
    }

    /// <summary>What [from, to) leaves around the covered span: the parts before and after it (or all of it when nothing was covered).</summary>
    private static IEnumerable<(DateTime From, DateTime To)> Edges(DateTime from, DateTime to, (DateTime Start, DateTime End)? covered)
    {
        var parts = covered is { } c ? new[] { (from, c.Start), (c.End, to) } : [(from, to)];
        return parts.Where(p => p.Item1 < p.Item2);
    }
}
