using System.Data.Common;
using Beacon.Conversions.Projection;
using Dapper;

namespace Beacon.Conversions.Reports;

/// <summary>
/// The money side: the agents' leaderboard and each source's return on its spend, from deals closed in the range — read
/// from the closed deals' kept sums (<c>conversions.deal_cells</c>, ADR 0035): the range's whole months, then its other
/// days (close dates are dates, so there are no edge hours).
/// </summary>
internal static class DealFigures
{
    public static async Task<List<LeaderboardRow>> LeaderboardAsync(DbConnection conn, ReportFilter filter, FunnelReader.Figures funnel,
        IReadOnlyDictionary<Guid, Agent> agents, CancellationToken ct)
    {
        var deals = (await conn.QueryAsync<AgentDeals>(new CommandDefinition($"""
            SELECT c.agent_id, c.currency, sum(c.deals)::bigint AS deals, sum(c.volume)::bigint AS volume,
                   sum(c.commission)::bigint AS commission
              FROM ({ClosedIn("c.agent_id, c.currency, c.lead_source, c.deals, c.volume, c.commission")}) c
             WHERE c.agent_id <> '00000000-0000-0000-0000-000000000000' AND (@source::text IS NULL OR c.lead_source = @source)
               AND {filter.OverAgent("c")}
             GROUP BY c.agent_id, c.currency HAVING sum(c.deals) <> 0
            """, DealSpans(filter), cancellationToken: ct))).ToList();
        var leads = funnel.ByAgent.ToDictionary(b => Guid.Parse(b.Key));
        var rows = deals.Select(d => (d.AgentId, d.Currency.Trim(), d.Deals, d.Volume, d.Commission))
            .Concat(leads.Keys.Where(a => a != Guid.Empty && deals.All(d => d.AgentId != a)).Select(a => (a, "USD", 0L, 0L, 0L)));
        return [.. rows.Select(r =>
        {
            var mine = leads.GetValueOrDefault(r.Item1);
            return new LeaderboardRow(r.Item1, agents.GetValueOrDefault(r.Item1)?.Name ?? "Former user", r.Item3, r.Item4, r.Item5,
                r.Item2, mine?.Leads ?? 0, mine?.Converted ?? 0, mine?.Rate ?? 0);
        }).OrderByDescending(r => r.CommissionCents).ThenByDescending(r => r.ClosedDeals).ThenByDescending(r => r.Converted)
            .ThenBy(r => r.Name, StringComparer.Ordinal)];
    }

    /// <summary>Spend counts whole months: every month the range touches (cost is entered per month).</summary>
    public static async Task<List<SourceRoi>> RoiAsync(DbConnection conn, ReportFilter filter, FunnelReader.Figures funnel,
        CancellationToken ct)
    {
        var spend = (await conn.QueryAsync<(string Source, long Cents)>(new CommandDefinition("""
            SELECT s.source, sum(s.amount_cents)::bigint FROM conversions.spend s
             WHERE s.tenant_id = @tenant AND s.month >= date_trunc('month', @fromDate)::date AND s.month <= @toDate
               AND (@source::text IS NULL OR s.source = @source)
             GROUP BY s.source
            """, filter.Parameters, cancellationToken: ct))).ToDictionary(s => s.Source, s => s.Cents);
        var commission = (await conn.QueryAsync<(string Source, long Cents)>(new CommandDefinition($"""
            SELECT f.source, sum(f.commission)::bigint
              FROM (SELECT c.lead_source AS source, c.lead_agent_id AS agent_id, c.deals, c.commission
                      FROM ({ClosedIn("c.lead_source, c.lead_agent_id, c.deals, c.commission")}) c
                     WHERE c.lead_source <> '') f
             WHERE {filter.Over("f")}
             GROUP BY f.source HAVING sum(f.deals) <> 0
            """, DealSpans(filter), cancellationToken: ct))).ToDictionary(s => s.Source, s => s.Cents);
        var sources = funnel.BySource.Select(b => b.Key).Union(spend.Keys).Union(commission.Keys).Distinct();
        return [.. sources.Select(source =>
        {
            var figures = funnel.BySource.FirstOrDefault(b => b.Key == source);
            var (leads, converted) = (figures?.Leads ?? 0, figures?.Converted ?? 0);
            var cost = spend.GetValueOrDefault(source);
            var gci = commission.GetValueOrDefault(source);
            return new SourceRoi(source, cost, leads, converted, gci,
                cost > 0 && leads > 0 ? cost / leads : null, cost > 0 && converted > 0 ? cost / converted : null,
                cost > 0 ? Math.Round((double)(gci - cost) / cost, 4) : null);
        }).OrderByDescending(r => r.SpendCents).ThenByDescending(r => r.Leads).ThenBy(r => r.Source, StringComparer.Ordinal)];
    }

    /// <summary>The kept sums of deals closed in the range as <paramref name="columns"/> (alias <c>c</c>).</summary>
    private static string ClosedIn(string columns) => $"""
        SELECT {columns} FROM conversions.deal_cells c
         WHERE c.tenant_id = @tenant AND c.span = 'm' AND c.period = ANY(@dealMonths::date[])
        UNION ALL
        SELECT {columns} FROM conversions.deal_cells c
         WHERE c.tenant_id = @tenant AND c.span = 'd' AND c.period = ANY(@dealDays::date[])
        """;

    /// <summary>The report's parameters with the range's whole months (their first days) and its other days.</summary>
    private static DynamicParameters DealSpans(ReportFilter filter)
    {
        var (months, days) = (new List<DateTime>(), new List<DateTime>());
        for (var d = filter.Range.FromDate; d <= filter.Range.ToDate;)
        {
            if (d.Day == 1 && d.AddMonths(1).AddDays(-1) <= filter.Range.ToDate)
            {
                months.Add(d.ToDateTime(TimeOnly.MinValue));
                d = d.AddMonths(1);
            }
            else
            {
                days.Add(d.ToDateTime(TimeOnly.MinValue));
                d = d.AddDays(1);
            }
        }

        var parameters = new DynamicParameters(filter.Parameters);
        parameters.AddDynamicParams(new { dealMonths = months.ToArray(), dealDays = days.ToArray() });
        return parameters;
    }

    public static async Task<Dictionary<Guid, Agent>> AgentsAsync(DbConnection conn, Guid tenant, CancellationToken ct) =>
        (await conn.QueryAsync<(Guid Id, string Name, Guid? TeamId)>(new CommandDefinition(
            "SELECT user_id, display_name, team_id FROM conversions.agents WHERE tenant_id = @tenant",
            new { tenant }, cancellationToken: ct))).ToDictionary(a => a.Id, a => new Agent(a.Id, a.Name, a.TeamId));

    private sealed class AgentDeals
    {
        public Guid AgentId { get; set; }

        public string Currency { get; set; } = "";

        public long Deals { get; set; }

        public long Volume { get; set; }

        public long Commission { get; set; }
    }
}
