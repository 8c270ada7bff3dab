using System.Data.Common;
using Dapper;

namespace Beacon.Conversions.Reports;

/// <summary>
/// Figures that need each lead's times, read from the lead facts through their indexes: time to convert and
/// attribution over the leads converted in the range, speed to lead over the leads created in it.
/// </summary>
internal static class TimingReader
{
    /// <summary>Upper bounds (minutes) of the speed-to-lead buckets; "never" holds leads nobody has touched.</summary>
    public static readonly (string Label, double Below)[] SpeedBuckets =
        [("< 5 min", 5), ("5–30 min", 30), ("30–60 min", 60), ("1–4 h", 240), ("4–24 h", 1440), ("> 1 day", double.MaxValue)];

    public static async Task<TimeToConvert> TimeToConvertAsync(DbConnection conn, ReportFilter filter, CancellationToken ct)
    {
        var row = await conn.QuerySingleAsync<Percentiles>(new CommandDefinition($"""
            SELECT x.n, x.p[1] AS p50, x.p[2] AS p75, x.p[3] AS p90
              FROM (SELECT count(*) AS n, percentile_cont(ARRAY[0.5, 0.75, 0.9]) WITHIN GROUP
                          (ORDER BY extract(epoch FROM f.converted_at - f.created_at) / 86400) AS p
                      FROM conversions.lead_facts f
                     WHERE f.tenant_id = @tenant AND f.converted_at >= @fromUtc AND f.converted_at < @toUtc AND {filter.Over("f")}) x
            """, filter.Parameters, cancellationToken: ct));
        return new TimeToConvert(row.N, Round(row.P50), Round(row.P75), Round(row.P90));
    }

    public static async Task<SpeedToLead> SpeedToLeadAsync(DbConnection conn, ReportFilter filter, CancellationToken ct)
    {
        var minutes = "extract(epoch FROM f.first_touch_at - f.created_at) / 60";
        var buckets = string.Join(", ", SpeedBuckets.Select((b, i) => i == SpeedBuckets.Length - 1
            ? $"count(*) FILTER (WHERE {minutes} >= {SpeedBuckets[i - 1].Below}) AS b{i}"
            : $"count(*) FILTER (WHERE {minutes} < {b.Below}{(i == 0 ? "" : $" AND {minutes} >= {SpeedBuckets[i - 1].Below}")}) AS b{i}"));
        var row = (IDictionary<string, object?>)await conn.QuerySingleAsync(new CommandDefinition($"""
            SELECT count(*) AS leads, count(f.first_touch_at) AS touched,
                   percentile_cont(0.5) WITHIN GROUP (ORDER BY {minutes}) AS median, {buckets}
              FROM conversions.lead_facts f
             WHERE f.tenant_id = @tenant AND f.created_at >= @fromUtc AND f.created_at < @toUtc AND {filter.Over("f")}
            """, filter.Parameters, cancellationToken: ct));
        var leads = Convert.ToInt64(row["leads"]);
        var touched = Convert.ToInt64(row["touched"]);
        var list = SpeedBuckets.Select((b, i) => new SpeedBucket(b.Label, Convert.ToInt64(row[$"b{i}"]))).ToList();
        list.Add(new SpeedBucket("Not yet", leads - touched));
        return new SpeedToLead(leads, touched, Round(row["median"] as double?), list);
    }

    public static async Task<List<AttributionRow>> AttributionAsync(DbConnection conn, ReportFilter filter, CancellationToken ct) =>
        [.. await conn.QueryAsync<AttributionRow>(new CommandDefinition($"""
            SELECT t.source AS Source, count(*) FILTER (WHERE t.ord = 1) AS First,
                   count(*) FILTER (WHERE t.ord = cardinality(f.touch_sources)) AS Last,
                   round(sum(1.0 / cardinality(f.touch_sources)), 4)::float8 AS Linear
              FROM conversions.lead_facts f, unnest(f.touch_sources) WITH ORDINALITY AS t(source, ord)
             WHERE f.tenant_id = @tenant AND f.converted_at >= @fromUtc AND f.converted_at < @toUtc AND {filter.Over("f")}
             GROUP BY t.source ORDER BY 4 DESC, 1
            """, filter.Parameters, cancellationToken: ct))];

    private static double? Round(double? v) => v is { } d ? Math.Round(d, 2) : null;

    private sealed class Percentiles
    {
        public long N { get; set; }

        public double? P50 { get; set; }

        public double? P75 { get; set; }

        public double? P90 { get; set; }
    }
}
