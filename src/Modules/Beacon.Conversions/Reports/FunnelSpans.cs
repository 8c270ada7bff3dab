namespace Beacon.Conversions.Reports;

/// <summary>
/// Where a range's funnel counts are read from (ADR 0031): the UTC days it covers whole, and whose hours all fall in
/// one local week, from the daily rollup; the rest — the hours before its first and after its last whole UTC day, and
/// each UTC day a local Monday midnight cuts — from the hourly cells. Together they cover each hour of the range once,
/// so the figures are those of the hourly cells alone.
/// </summary>
/// <remarks>
/// Listed as day and hour starts (compared with <c>= ANY</c>), not as ranges joined to the tables: PostgreSQL estimates an
/// equality list from its statistics, while a join on ranges was estimated 40× too large and sorted instead of hashing.
/// </remarks>
internal sealed record FunnelSpans(DateTime[] Days, DateTime[] Hours)
{
    public static FunnelSpans Of(ReportRange range)
    {
        var from = range.FromUtc.UtcDateTime;
        var to = range.ToUtc.UtcDateTime;
        var days = new List<DateTime>();
        var hours = new List<DateTime>();
        var cursor = from;
        for (var day = from.Date == from ? from : from.Date.AddDays(1); day.AddDays(1) <= to; day = day.AddDays(1))
        {
            if (!OneLocalWeek(day, range.Zone))
            {
                continue;
            }

            AddHours(hours, cursor, day);
            days.Add(day);
            cursor = day.AddDays(1);
        }

        AddHours(hours, cursor, to);
        return new FunnelSpans([.. days], [.. hours]);
    }

    /// <summary>True when the UTC day's first and last hour start in the same local week (the cohorts group by it).</summary>
    private static bool OneLocalWeek(DateTime day, TimeZoneInfo zone) =>
        Monday(TimeZoneInfo.ConvertTimeFromUtc(day, zone)) == Monday(TimeZoneInfo.ConvertTimeFromUtc(day.AddHours(23), zone));

    private static DateTime Monday(DateTime local) => local.Date.AddDays(-(((int)local.DayOfWeek + 6) % 7));

    private static void AddHours(List<DateTime> hours, DateTime from, DateTime to)
    {
        for (var hour = from; hour < to; hour = hour.AddHours(1))
        {
            hours.Add(hour);
        }
    }
}
