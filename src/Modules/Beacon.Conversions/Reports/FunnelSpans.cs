namespace Beacon.Conversions.Reports;

/// <summary>
/// Where a range's funnel counts are read from (ADR 0031): the UTC days it covers whole, and whose hours all fall in
/// one local week, from the daily rollup; the rest — the hours before its first and after its last whole UTC day, and
/// each UTC day a local Monday midnight cuts — from the hourly cells. Together they cover each hour of the range once,
/// so the figures are those of the hourly cells alone.
/// </summary>
internal sealed record FunnelSpans(DateTime[] DayFrom, DateTime[] DayTo, DateTime[] HourFrom, DateTime[] HourTo)
{
    public static FunnelSpans Of(ReportRange range)
    {
        var from = range.FromUtc.UtcDateTime;
        var to = range.ToUtc.UtcDateTime;
        var days = new List<(DateTime From, DateTime To)>();
        var hours = new List<(DateTime From, DateTime To)>();
        var cursor = from;
        for (var day = from.Date == from ? from : from.Date.AddDays(1); day.AddDays(1) <= to; day = day.AddDays(1))
        {
            if (!OneLocalWeek(day, range.Zone))
            {
                continue;
            }

            Add(hours, cursor, day);
            Add(days, day, day.AddDays(1));
            cursor = day.AddDays(1);
        }

        Add(hours, cursor, to);
        return new FunnelSpans([.. days.Select(d => d.From)], [.. days.Select(d => d.To)],
            [.. hours.Select(h => h.From)], [.. hours.Select(h => h.To)]);
    }

    /// <summary>True when the UTC day's first and last hour start in the same local week (the cohorts group by it).</summary>
    private static bool OneLocalWeek(DateTime day, TimeZoneInfo zone) =>
        Monday(TimeZoneInfo.ConvertTimeFromUtc(day, zone)) == Monday(TimeZoneInfo.ConvertTimeFromUtc(day.AddHours(23), zone));

    private static DateTime Monday(DateTime local) => local.Date.AddDays(-(((int)local.DayOfWeek + 6) % 7));

    /// <summary>Appends [from, to), joined to the previous span when they touch.</summary>
    private static void Add(List<(DateTime From, DateTime To)> spans, DateTime from, DateTime to)
    {
        if (from >= to)
        {
            return;
        }

        if (spans.Count > 0 && spans[^1].To == from)
        {
            spans[^1] = (spans[^1].From, to);
        }
        else
        {
            spans.Add((from, to));
        }
    }
}
