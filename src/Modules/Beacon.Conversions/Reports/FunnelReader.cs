using System.Data.Common;
using Beacon.Conversions.Projection;
using Dapper;

namespace Beacon.Conversions.Reports;

/// <summary>
/// Funnel, breakdowns and cohorts from the funnel counts in one statement: the range's whole UTC days from the daily
/// rollup and its other hours from the hourly cells (<see cref="FunnelSpans"/>), summed two ways at once (by source ×
/// agent × furthest stage, and by local week × furthest stage). No lead row is read.
/// </summary>
internal static class FunnelReader
{
    public sealed record Figures(IReadOnlyList<FunnelStep> Funnel, IReadOnlyList<Breakdown> BySource, IReadOnlyList<Breakdown> ByAgent,
        IReadOnlyList<Breakdown> ByTeam, IReadOnlyList<CohortWeek> Cohorts);

    public static async Task<Figures> ReadAsync(DbConnection conn, ReportFilter filter, IReadOnlyDictionary<Guid, Agent> agents,
        CancellationToken ct)
    {
        var spans = FunnelSpans.Of(filter.Range);
        var parameters = new DynamicParameters(filter.Parameters);
        parameters.AddDynamicParams(new { days = spans.Days, hours = spans.Hours });
        var rows = (await conn.QueryAsync<Cell>(new CommandDefinition($"""
            SELECT GROUPING(c.source) = 1 AS by_week, c.source, c.agent_id, c.week, c.furthest, sum(c.leads)::bigint AS leads
              FROM (SELECT f.source, f.agent_id, f.furthest, f.leads, date_trunc('week', f.day AT TIME ZONE @tz)::date AS week
                      FROM conversions.funnel_daily f
                     WHERE f.tenant_id = @tenant AND f.day = ANY(@days::timestamptz[]) AND {filter.Over("f")}
                    UNION ALL
                    SELECT f.source, f.agent_id, f.furthest, f.leads, date_trunc('week', f.hour AT TIME ZONE @tz)::date
                      FROM conversions.funnel_hourly f
                     WHERE f.tenant_id = @tenant AND f.hour = ANY(@hours::timestamptz[]) AND {filter.Over("f")}) c
             GROUP BY GROUPING SETS ((c.source, c.agent_id, c.furthest), (c.week, c.furthest))
            """, parameters, cancellationToken: ct))).ToList();
        var cells = rows.Where(r => !r.ByWeek).ToList();
        return new Figures(
            Funnel(cells),
            Group(cells, c => c.Source!, c => c.Source!),
            Group(cells, c => c.AgentId!.Value.ToString(), c => c.AgentId == Guid.Empty ? "Unassigned" : agents.GetValueOrDefault(c.AgentId!.Value)?.Name ?? "Former user"),
            Group(cells.Where(c => agents.GetValueOrDefault(c.AgentId!.Value)?.TeamId is not null).ToList(),
                c => agents[c.AgentId!.Value].TeamId!.Value.ToString(), c => agents[c.AgentId!.Value].TeamId!.Value.ToString()),
            Cohorts(rows.Where(r => r.ByWeek).ToList()));
    }

    private static List<FunnelStep> Funnel(List<Cell> cells)
    {
        var steps = new List<FunnelStep>();
        for (short rank = 0; rank < Pipeline.Stages.Length; rank++)
        {
            var reached = cells.Where(c => c.Furthest >= rank).Sum(c => c.Leads);
            double? rate = rank == 0 ? null : steps[^1].Leads == 0 ? 0 : Math.Round((double)reached / steps[^1].Leads, 4);
            steps.Add(new FunnelStep(Pipeline.Stages[rank], reached, rate));
        }

        return steps;
    }

    private static List<Breakdown> Group(List<Cell> cells, Func<Cell, string> key, Func<Cell, string> name) =>
        [.. cells.GroupBy(key).Select(g =>
        {
            var leads = g.Sum(c => c.Leads);
            var converted = g.Where(c => c.Furthest >= Pipeline.Closed).Sum(c => c.Leads);
            return new Breakdown(g.Key, name(g.First()), leads, converted, Rate(converted, leads));
        }).OrderByDescending(b => b.Leads).ThenBy(b => b.Name, StringComparer.Ordinal)];

    private static List<CohortWeek> Cohorts(List<Cell> weekly) =>
        [.. weekly.GroupBy(c => DateOnly.FromDateTime(c.Week!.Value)).OrderBy(g => g.Key).Select(g => new CohortWeek(g.Key,
            g.Sum(c => c.Leads),
            [.. Enumerable.Range(0, Pipeline.Stages.Length).Select(rank => g.Where(c => c.Furthest >= rank).Sum(c => c.Leads))]))];

    public static double Rate(long part, long whole) => whole == 0 ? 0 : Math.Round((double)part / whole, 4);

    private sealed class Cell
    {
        public bool ByWeek { get; set; }

        public string? Source { get; set; }

        public Guid? AgentId { get; set; }

        public DateTime? Week { get; set; }

        public short Furthest { get; set; }

        public long Leads { get; set; }
    }
}

/// <summary>A user as the reports name them.</summary>
internal sealed record Agent(Guid Id, string Name, Guid? TeamId);
