using System.Data.Common;
using Beacon.Conversions.Projection;
using Dapper;

namespace Beacon.Conversions.Reports;

/// <summary>
/// The cohorts (leads created per local week × furthest stage) from the narrowest rollup that can answer the filter
/// (ADR 0032): over the whole brokerage the day-by-stage rows, for agents or a team the day-by-agent rows — one row per
/// UTC day, split by its hourly counts where a range edge or a local Monday midnight cuts it — and with a source filter
/// the daily rollup and hourly cells (<see cref="FunnelSpans"/>).
/// </summary>
internal static class CohortReader
{
    public static async Task<List<CohortWeek>> ReadAsync(DbConnection conn, ReportFilter filter, CancellationToken ct)
    {
        var spans = FunnelSpans.Of(filter.Range);
        var parts = Parts(spans.Hours, filter.Range.Zone);
        var parameters = new DynamicParameters(filter.Parameters);
        parameters.AddDynamicParams(new
        {
            days = spans.Days,
            hours = spans.Hours,
            cutDays = parts.Select(p => p.Day).Distinct().ToArray(),
            partDays = parts.Select(p => p.Day).ToArray(),
            partFirst = parts.Select(p => p.First).ToArray(),
            partLast = parts.Select(p => p.Last).ToArray(),
            partWeeks = parts.Select(p => p.Week).ToArray(),
        });
        var sql = filter.BySource ? FromCells(filter)
            : filter.WholeBrokerage ? FromDayRows("funnel_day_stages", "TRUE")
            : FromDayRows("funnel_day_agents", filter.OverAgent("f"));
        var rows = await conn.QueryAsync<(DateTime Week, short Furthest, long Leads)>(new CommandDefinition(sql, parameters, cancellationToken: ct));
        return [.. rows.GroupBy(r => DateOnly.FromDateTime(r.Week)).OrderBy(g => g.Key).Select(g => new CohortWeek(g.Key,
            g.Sum(r => r.Leads),
            [.. Enumerable.Range(0, Pipeline.Stages.Length).Select(rank => g.Where(r => r.Furthest >= rank).Sum(r => r.Leads))]))];
    }

    /// <summary>
    /// The hours read apart, as runs of one UTC day's hours in one local week: (day, first and last slot of its
    /// <c>hours</c> array, the local Monday). A cut day is at most two runs, so the array is summed per run, not per hour.
    /// </summary>
    private static List<(DateTime Day, int First, int Last, DateTime Week)> Parts(DateTime[] hours, TimeZoneInfo zone)
    {
        var parts = new List<(DateTime Day, int First, int Last, DateTime Week)>();
        foreach (var hour in hours.Order())
        {
            var week = Monday(TimeZoneInfo.ConvertTimeFromUtc(hour, zone));
            if (parts.Count > 0 && parts[^1] is var last && last.Day == hour.Date && last.Week == week && last.Last == hour.Hour)
            {
                parts[^1] = last with { Last = hour.Hour + 1 };
            }
            else
            {
                parts.Add((DateTime.SpecifyKind(hour.Date, DateTimeKind.Utc), hour.Hour + 1, hour.Hour + 1, week));
            }
        }

        return parts;
    }

    private static DateTime Monday(DateTime local) => DateTime.SpecifyKind(local.Date.AddDays(-(((int)local.DayOfWeek + 6) % 7)), DateTimeKind.Unspecified);

    /// <summary>Whole days by their local week; each run of a cut day's hours summed from its <c>hours</c> array.</summary>
    private static string FromDayRows(string table, string predicate) => $"""
        SELECT c.week, c.furthest, sum(c.leads)::bigint AS leads
          FROM (SELECT date_trunc('week', f.day AT TIME ZONE @tz)::date AS week, f.furthest, f.leads
                  FROM conversions.{table} f
                 WHERE f.tenant_id = @tenant AND f.day = ANY(@days::timestamptz[]) AND {predicate}
                UNION ALL
                SELECT p.week::date, f.furthest, (SELECT sum(n) FROM unnest(f.hours[p.a:p.b]) AS n)::bigint
                  FROM unnest(@partDays::timestamptz[], @partFirst::int[], @partLast::int[], @partWeeks::timestamp[]) AS p(day, a, b, week)
                  JOIN conversions.{table} f ON f.day = p.day
                 WHERE f.tenant_id = @tenant AND f.day = ANY(@cutDays::timestamptz[]) AND {predicate}) c
         GROUP BY c.week, c.furthest HAVING sum(c.leads) <> 0
        """;

    private static string FromCells(ReportFilter filter) => $"""
        SELECT c.week, c.furthest, sum(c.leads)::bigint AS leads
          FROM (SELECT date_trunc('week', f.day AT TIME ZONE @tz)::date AS week, f.furthest, f.leads
                  FROM conversions.funnel_daily f
                 WHERE f.tenant_id = @tenant AND f.day = ANY(@days::timestamptz[]) AND {filter.Over("f")}
                UNION ALL
                SELECT date_trunc('week', f.hour AT TIME ZONE @tz)::date, f.furthest, f.leads
                  FROM conversions.funnel_hourly f
                 WHERE f.tenant_id = @tenant AND f.hour = ANY(@hours::timestamptz[]) AND {filter.Over("f")}) c
         GROUP BY c.week, c.furthest
        """;
}
