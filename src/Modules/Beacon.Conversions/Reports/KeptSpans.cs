using Dapper;

namespace Beacon.Conversions.Reports;

/// <summary>
/// Where a range's timing figures come from (ADR 0035): its whole UTC months and days from the kept cells
/// (<see cref="RollupSpans"/>), and the instants left at its two edges — or the whole range, when no kept dimension
/// answers the filter — from the lead facts. The cells' dimension is the narrowest that answers: the whole brokerage,
/// by agent (an agent or team filter, or a scope narrower than the brokerage), or by source (a source filter alone). A
/// source filter together with agents reads the facts: that range of them is one source of a few agents.
/// </summary>
internal sealed class KeptSpans
{
    private readonly char? dim;
    private readonly string predicate;

    private KeptSpans(char? dim, string predicate, DynamicParameters parameters)
    {
        this.dim = dim;
        this.predicate = predicate;
        Parameters = parameters;
    }

    public DynamicParameters Parameters { get; }

    public static KeptSpans Of(ReportFilter filter)
    {
        var (dim, predicate) = filter.WholeBrokerage ? ('b', "TRUE")
            : !filter.BySource ? ('a', filter.OverAgent("c"))
            : filter.BySourceAlone ? ('s', "c.source = @source")
            : ((char?)null, "FALSE");
        var range = filter.Range;
        var parameters = new DynamicParameters(filter.Parameters);
        var spans = dim is null ? new RollupSpans([], [], []) : RollupSpans.Of(range);
        var covered = spans.Months.Select(m => (From: m, To: m.AddMonths(1))).Concat(spans.Days.Select(d => (From: d, To: d.AddDays(1)))).ToList();
        var (from, to) = (range.FromUtc.UtcDateTime, range.ToUtc.UtcDateTime);
        var (coveredFrom, coveredTo) = covered.Count == 0 ? (to, to) : (covered.Min(c => c.From), covered.Max(c => c.To));
        parameters.AddDynamicParams(new
        {
            dim = dim?.ToString(),
            months = spans.Months,
            days = spans.Days,
            edge1From = from,
            edge1To = coveredFrom,
            edge2From = coveredTo,
            edge2To = to,
        });
        return new KeptSpans(dim, predicate, parameters);
    }

    /// <summary>
    /// <paramref name="select"/> over the lead facts (alias <c>f</c>, joined to <paramref name="join"/> when given)
    /// whose <paramref name="column"/> lies in the range but outside its whole days and months: one arm per edge, so
    /// each can be an index-only range scan.
    /// </summary>
    public static string EdgeFacts(string select, string column, string where, string? join = null)
    {
        var from = join is null ? "conversions.lead_facts f" : $"conversions.lead_facts f, {join}";
        return $"""
            {select} FROM {from}
             WHERE f.tenant_id = @tenant AND {column} >= @edge1From AND {column} < @edge1To AND {where}
            UNION ALL
            {select} FROM {from}
             WHERE f.tenant_id = @tenant AND {column} >= @edge2From AND {column} < @edge2To AND {where}
            """;
    }

    /// <summary>
    /// The kept rows of <paramref name="table"/> for the range's whole months and days as <paramref name="columns"/> (alias
    /// <c>c</c>), each part followed by <c>UNION ALL</c>; nothing when no dimension answers the filter.
    /// </summary>
    public string Cells(string table, string columns, string where) => dim is null ? "" : $"""
        SELECT {columns} FROM conversions.{table} c
         WHERE c.tenant_id = @tenant AND c.span = 'm' AND c.dim = @dim::"char" AND c.period = ANY(@months::timestamptz[]) AND {where} AND {predicate}
        UNION ALL
        SELECT {columns} FROM conversions.{table} c
         WHERE c.tenant_id = @tenant AND c.span = 'd' AND c.dim = @dim::"char" AND c.period = ANY(@days::timestamptz[]) AND {where} AND {predicate}
        UNION ALL
        """;
}
