using System.Data.Common;
using Dapper;

namespace Beacon.Conversions.Reports;

/// <summary>
/// Time to convert, speed to lead and attribution from the counts the database keeps (ADR 0035): the range's whole UTC
/// months and days from <c>conversions.timing_cells</c> and <c>attribution_cells</c>, in the narrowest dimension that
/// answers the filter (<see cref="KeptSpans"/>), and the hours at its edges from the lead facts themselves, counted by
/// the same SQL functions. Durations are counted on a grid of two significant figures, so a percentile is that of the
/// rounded durations (within 5 % of the exact one); counts and attribution are exact.
/// </summary>
internal static class TimingReader
{
    /// <summary>The speed-to-lead bands, in the order of <c>conversions.speed_band</c> (migration 0007), then "Not yet".</summary>
    public static readonly string[] SpeedBands = ["< 5 min", "5–30 min", "30–60 min", "1–4 h", "4–24 h", "> 1 day"];

    public static async Task<TimeToConvert> TimeToConvertAsync(DbConnection conn, ReportFilter filter, CancellationToken ct)
    {
        var counts = await CountsAsync(conn, filter, 'c', "converted_at", "0::smallint",
            "conversions.grid(conversions.convert_days(f.created_at, f.converted_at))", ct);
        var n = counts.Sum(c => c.Leads);
        return new TimeToConvert(n, Percentile(counts, n, 0.5), Percentile(counts, n, 0.75), Percentile(counts, n, 0.9));
    }

    /// <param name="leads">The leads created in the range under the filter (the funnel's first step).</param>
    public static async Task<SpeedToLead> SpeedToLeadAsync(DbConnection conn, ReportFilter filter, long leads, CancellationToken ct)
    {
        const string minutes = "conversions.speed_minutes(f.created_at, f.first_touch_at)";
        var counts = await CountsAsync(conn, filter, 's', "created_at", $"conversions.speed_band({minutes})", $"conversions.grid({minutes})", ct);
        var touched = counts.Sum(c => c.Leads);
        var bands = SpeedBands.Select((label, band) => new SpeedBucket(label, counts.Where(c => c.Band == band).Sum(c => c.Leads))).ToList();
        bands.Add(new SpeedBucket("Not yet", Math.Max(0, leads - touched)));
        return new SpeedToLead(leads, touched, Percentile(counts, touched, 0.5), bands);
    }

    public static async Task<List<AttributionRow>> AttributionAsync(DbConnection conn, ReportFilter filter, CancellationToken ct)
    {
        var spans = KeptSpans.Of(filter);
        return [.. await conn.QueryAsync<AttributionRow>(new CommandDefinition($"""
            SELECT x.touch_source AS Source, sum(x.first)::bigint AS First, sum(x.last)::bigint AS Last, round(sum(x.linear), 4)::float8 AS Linear
              FROM ({spans.Cells("attribution_cells", "c.touch_source, c.first, c.last, c.linear", "TRUE")}
                    {KeptSpans.EdgeFacts("SELECT k.touch_source, k.first, k.last, k.linear", "f.converted_at",
                        $"k.span = 'd' AND k.dim = 'b' AND {filter.Over("f")}",
                        "conversions.attribution_keys(f.source, f.agent_id, f.touch_sources, f.converted_at) k")}) x
             GROUP BY 1 HAVING sum(x.first) <> 0 OR sum(x.last) <> 0 OR sum(x.linear) <> 0
             ORDER BY 4 DESC, 1
            """, spans.Parameters, cancellationToken: ct))];
    }

    /// <summary>
    /// The range's durations on the grid, with how many leads each, by value (speed also by band). The facts at the
    /// edges are counted with the expressions the triggers use (<c>conversions.timing_keys</c>), inlined here.
    /// </summary>
    private static async Task<List<Count>> CountsAsync(DbConnection conn, ReportFilter filter, char metric, string at, string band, string value,
        CancellationToken ct)
    {
        var spans = KeptSpans.Of(filter);
        spans.Parameters.Add("metric", metric.ToString());
        var counted = metric == 's' ? "f.first_touch_at IS NOT NULL" : "f.converted_at IS NOT NULL";
        return [.. await conn.QueryAsync<Count>(new CommandDefinition($"""
            SELECT x.band AS Band, x.value AS Value, sum(x.leads)::bigint AS Leads
              FROM ({spans.Cells("timing_cells", "c.band, c.value, c.leads", "c.metric = @metric::\"char\"")}
                    {KeptSpans.EdgeFacts($"SELECT {band} AS band, {value} AS value, 1::bigint AS leads", "f." + at, $"{counted} AND {filter.Over("f")}")}) x
             GROUP BY 1, 2 HAVING sum(x.leads) <> 0
             ORDER BY 2
            """, spans.Parameters, cancellationToken: ct))];
    }

    /// <summary>PostgreSQL's percentile_cont over the counted values: interpolated between the two nearest ranks.</summary>
    internal static double? Percentile(IReadOnlyList<Count> byValue, long n, double p)
    {
        if (n == 0)
        {
            return null;
        }

        var rank = p * (n - 1);
        var below = (long)Math.Floor(rank);
        var (a, b) = (ValueAt(byValue, below), ValueAt(byValue, Math.Min(below + 1, n - 1)));
        return Math.Round(a + ((rank - below) * (b - a)), 2);
    }

    /// <summary>The value at 0-based rank <paramref name="rank"/> of the counted values in ascending order.</summary>
    private static double ValueAt(IReadOnlyList<Count> byValue, long rank)
    {
        var seen = 0L;
        foreach (var c in byValue)
        {
            seen += c.Leads;
            if (rank < seen)
            {
                return c.Value;
            }
        }

        return byValue[^1].Value;
    }

    internal sealed class Count
    {
        public short Band { get; set; }

        public double Value { get; set; }

        public long Leads { get; set; }
    }
}
