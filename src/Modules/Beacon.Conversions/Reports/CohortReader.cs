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
        parameters.AddDynamicParams(new { days = spans.Days, hours = spans.Hours, cutDays = parts.Select(p => p.Day).Distinct().ToArray() });
        List<(DateTime Week, short Furthest, long Leads)> rows;
        if (filter.BySource)
        {
            rows = [.. await conn.QueryAsync<(DateTime, short, long)>(new CommandDefinition(FromCells(filter), parameters, cancellationToken: ct))];
        }
        else
        {
            var (table, predicate) = filter.WholeBrokerage ? ("funnel_day_stages", "TRUE") : ("funnel_day_agents", filter.OverAgent("f"));
            var zone = filter.Range.Zone;
            rows = [.. (await conn.QueryAsync<(DateTime Day, short Furthest, long Leads)>(new CommandDefinition(WholeDays(table, predicate), parameters,
                cancellationToken: ct))).Select(d => (Monday(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(d.Day, DateTimeKind.Utc), zone)),
                d.Furthest, d.Leads))];
            var cut = await conn.QueryAsync<(DateTime Day, short Furthest, long[] Hours)>(new CommandDefinition(CutDays(table, predicate), parameters,
                cancellationToken: ct));
            rows.AddRange(Split(cut, parts));
        }

        return [.. rows.GroupBy(r => DateOnly.FromDateTime(r.Week)).Where(g => g.Sum(r => r.Leads) != 0).OrderBy(g => g.Key).Select(g => new CohortWeek(g.Key,
            g.Sum(r => r.Leads),
            [.. Enumerable.Range(0, Pipeline.Stages.Length).Select(rank => g.Where(r => r.Furthest >= rank).Sum(r => r.Leads))]))];
    }

    /// <summary>Each cut day's rows summed over each of its runs of hours, into the run's local week.</summary>
    private static IEnumerable<(DateTime Week, short Furthest, long Leads)> Split(IEnumerable<(DateTime Day, short Furthest, long[] Hours)> cut,
        List<(DateTime Day, int First, int Last, DateTime Week)> parts)
    {
        var byDay = parts.ToLookup(p => p.Day);
        foreach (var row in cut)
        {
            foreach (var part in byDay[DateTime.SpecifyKind(row.Day, DateTimeKind.Utc)])
            {
                var leads = 0L;
                for (var slot = part.First; slot <= part.Last; slot++)
                {
                    leads += row.Hours[slot - 1];
                }

                yield return (part.Week, row.Furthest, leads);
            }
        }
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

    /// <summary>
    /// Whole days summed per day (over a team's agents); their local week is taken here, once per day rather than per
    /// row (a team lead's year: 19,000 rows).
    /// </summary>
    private static string WholeDays(string table, string predicate) => $"""
        SELECT f.day, f.furthest, sum(f.leads)::bigint AS leads
          FROM conversions.{table} f
         WHERE f.tenant_id = @tenant AND f.day = ANY(@days::timestamptz[]) AND {predicate}
         GROUP BY 1, 2
        """;

    /// <summary>
    /// The days a range edge or a local Monday cuts, with their hourly counts: summed per run of hours here rather than
    /// by a subquery per row and run in SQL (28 ms of a team lead's year, by EXPLAIN ANALYZE).
    /// </summary>
    private static string CutDays(string table, string predicate) => $"""
        SELECT f.day, f.furthest, f.hours FROM conversions.{table} f
         WHERE f.tenant_id = @tenant AND f.day = ANY(@cutDays::timestamptz[]) AND {predicate}
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
