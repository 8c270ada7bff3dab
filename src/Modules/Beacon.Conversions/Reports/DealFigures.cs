using System.Data.Common;
using Beacon.Conversions.Projection;
using Dapper;

namespace Beacon.Conversions.Reports;

/// <summary>The money side: the agents' leaderboard and each source's return on its spend, from deals closed in the range.</summary>
internal static class DealFigures
{
    public static async Task<List<LeaderboardRow>> LeaderboardAsync(DbConnection conn, ReportFilter filter, FunnelReader.Figures funnel,
        IReadOnlyDictionary<Guid, Agent> agents, CancellationToken ct)
    {
        var deals = (await conn.QueryAsync<AgentDeals>(new CommandDefinition($"""
            SELECT d.agent_id, d.currency, count(*) AS deals, COALESCE(sum(d.price_cents), 0)::bigint AS volume,
                   COALESCE(sum(d.commission_cents), 0)::bigint AS commission
              FROM conversions.deals d
             WHERE d.tenant_id = @tenant AND d.stage = 'closed' AND d.close_date >= @fromDate AND d.close_date <= @toDate
               AND d.agent_id IS NOT NULL AND (@source::text IS NULL OR d.lead_source = @source)
               AND {filter.OverAgent("d")}
             GROUP BY d.agent_id, d.currency
            """, filter.Parameters, cancellationToken: ct))).ToList();
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
            SELECT f.source, COALESCE(sum(f.commission_cents), 0)::bigint
              FROM (SELECT d.lead_source AS source, d.lead_agent_id AS agent_id, d.commission_cents FROM conversions.deals d
                     WHERE d.tenant_id = @tenant AND d.stage = 'closed' AND d.close_date >= @fromDate AND d.close_date <= @toDate
                       AND d.lead_source IS NOT NULL) f
             WHERE {filter.Over("f")}
             GROUP BY f.source
            """, filter.Parameters, cancellationToken: ct))).ToDictionary(s => s.Source, s => s.Cents);
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
