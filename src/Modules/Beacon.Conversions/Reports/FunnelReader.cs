using System.Data.Common;
using Beacon.Conversions.Projection;
using Dapper;

namespace Beacon.Conversions.Reports;

/// <summary>
/// Funnel and breakdowns from the funnel counts: the range's whole UTC months from the monthly rollups, the whole days
/// around them from the daily ones and its edge hours from the hourly cells (<see cref="RollupSpans"/>); the cohorts from
/// the day rollups (<see cref="CohortReader"/>). No lead row is read. Over the whole brokerage the rollups by source and by
/// agent alone answer (ADR 0036): each breakdown needs one side only, and the funnel is the sources' sum. A filter or a
/// narrower scope reads the source × agent rows, each side summed from them.
/// </summary>
internal static class FunnelReader
{
    public sealed record Figures(IReadOnlyList<FunnelStep> Funnel, IReadOnlyList<Breakdown> BySource, IReadOnlyList<Breakdown> ByAgent,
        IReadOnlyList<Breakdown> ByTeam, IReadOnlyList<CohortWeek> Cohorts);

    public static async Task<Figures> ReadAsync(DbConnection conn, ReportFilter filter, IReadOnlyDictionary<Guid, Agent> agents,
        CancellationToken ct)
    {
        var spans = RollupSpans.Of(filter.Range);
        var parameters = new DynamicParameters(filter.Parameters);
        parameters.AddDynamicParams(new { months = spans.Months, days = spans.Days, hours = spans.Hours });
        var cells = (await conn.QueryAsync<Cell>(new CommandDefinition(filter.WholeBrokerage ? BySides : Crossed(filter), parameters,
            cancellationToken: ct))).ToList();
        var sources = cells.Where(c => c.Source is not null).ToList();
        var byAgent = cells.Where(c => c.AgentId is not null).ToList();
        return new Figures(
            Funnel(sources),
            Group(sources, c => c.Source!, c => c.Source!),
            Group(byAgent, c => c.AgentId!.Value.ToString(),
                c => c.AgentId == Guid.Empty ? "Unassigned" : agents.GetValueOrDefault(c.AgentId!.Value)?.Name ?? "Former user"),
            Group(byAgent.Where(c => agents.GetValueOrDefault(c.AgentId!.Value)?.TeamId is not null).ToList(),
                c => agents[c.AgentId!.Value].TeamId!.Value.ToString(), c => agents[c.AgentId!.Value].TeamId!.Value.ToString()),
            await CohortReader.ReadAsync(conn, filter, ct));
    }

    /// <summary>Source × agent × furthest stage: both sides on every row.</summary>
    private static string Crossed(ReportFilter filter) => $"""
        SELECT c.source, c.agent_id, c.furthest, sum(c.leads)::bigint AS leads
          FROM (SELECT f.source, f.agent_id, f.furthest, f.leads
                  FROM conversions.funnel_monthly f
                 WHERE f.tenant_id = @tenant AND f.month = ANY(@months::timestamptz[]) AND {filter.Over("f")}
                UNION ALL
                SELECT f.source, f.agent_id, f.furthest, f.leads
                  FROM conversions.funnel_daily f
                 WHERE f.tenant_id = @tenant AND f.day = ANY(@days::timestamptz[]) AND {filter.Over("f")}
                UNION ALL
                SELECT f.source, f.agent_id, f.furthest, f.leads
                  FROM conversions.funnel_hourly f
                 WHERE f.tenant_id = @tenant AND f.hour = ANY(@hours::timestamptz[]) AND {filter.Over("f")}) c
         GROUP BY c.source, c.agent_id, c.furthest
        """;

    /// <summary>Source × furthest stage rows (no agent) and agent × furthest stage rows (no source), for the whole brokerage.</summary>
    private static readonly string BySides = $"""
        SELECT c.source, c.agent_id, c.furthest, sum(c.leads)::bigint AS leads
          FROM ({string.Join("\nUNION ALL\n", new[]
          {
              Side("funnel_month_sources", "month", "months", agent: false), Side("funnel_month_agents", "month", "months", agent: true),
              Side("funnel_day_sources", "day", "days", agent: false), Side("funnel_day_agents", "day", "days", agent: true),
              Side("funnel_hourly", "hour", "hours", agent: false), Side("funnel_hourly", "hour", "hours", agent: true),
          })}) c
         GROUP BY c.source, c.agent_id, c.furthest
        """;

    private static string Side(string table, string period, string periods, bool agent) => $"""
        SELECT {(agent ? "NULL::text AS source, f.agent_id" : "f.source, NULL::uuid AS agent_id")}, f.furthest, f.leads
          FROM conversions.{table} f WHERE f.tenant_id = @tenant AND f.{period} = ANY(@{periods}::timestamptz[])
        """;

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

    public static double Rate(long part, long whole) => whole == 0 ? 0 : Math.Round((double)part / whole, 4);

    private sealed class Cell
    {
        public string? Source { get; set; }

        public Guid? AgentId { get; set; }

        public short Furthest { get; set; }

        public long Leads { get; set; }
    }
}

/// <summary>A user as the reports name them.</summary>
internal sealed record Agent(Guid Id, string Name, Guid? TeamId);
