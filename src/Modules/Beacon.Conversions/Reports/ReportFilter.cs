using System.Data.Common;
using System.Security.Claims;
using Beacon.SharedKernel.Tenancy;
using Dapper;

namespace Beacon.Conversions.Reports;

/// <summary>
/// A report's range, filters and the caller's scope as SQL: <see cref="Over"/> gives the predicate for a table alias
/// with <c>source</c> and <c>agent_id</c> columns; <see cref="Parameters"/> carries every value it names.
/// </summary>
internal sealed class ReportFilter
{
    private ReportFilter(ReportRange range, ReportQuery query, Scope scope, Guid tenant, IReadOnlyDictionary<Guid, Agent> agents, Guid[]? agentIds)
    {
        Range = range;
        Tenant = tenant;
        Parameters = new DynamicParameters(new
        {
            tenant,
            fromUtc = range.FromUtc,
            toUtc = range.ToUtc,
            fromDate = range.FromDate.ToDateTime(TimeOnly.MinValue),
            toDate = range.ToDate.ToDateTime(TimeOnly.MinValue),
            tz = range.Zone.Id,
            source = query.Source,
            agent = query.Agent,
            team = query.Team,
        });
        Parameters.Add("agentIds", agentIds);
        AgentIds = agentIds;
        Agents = agents;
        BySource = query.Source is not null;
        WholeBrokerage = scope.All && query.Source is null && query.Agent is null && query.Team is null;
        BySourceAlone = scope.All && query.Source is not null && query.Agent is null && query.Team is null;
    }

    public ReportRange Range { get; }

    public Guid Tenant { get; }

    /// <summary>The brokerage's users as the reports name them, read once per report.</summary>
    public IReadOnlyDictionary<Guid, Agent> Agents { get; }

    /// <summary>
    /// The agents whose leads the report counts — the agent and team filters within the caller's scope — or null for
    /// every lead, unassigned ones included. As an array, so the cells' indexes can seek each agent's rows.
    /// </summary>
    public Guid[]? AgentIds { get; }

    public DynamicParameters Parameters { get; }

    /// <summary>A source filter is set (the rollups without the source cannot answer).</summary>
    public bool BySource { get; }

    /// <summary>Every lead of the brokerage: no filter, and a scope that sees all agents.</summary>
    public bool WholeBrokerage { get; }

    /// <summary>A source filter over every lead of the brokerage: no agent or team filter, a scope that sees all agents.</summary>
    public bool BySourceAlone { get; }

    /// <summary>Validates the query; unknown agent, team or source ids are errors naming the field, like a bad range.</summary>
    public static async Task<(ReportFilter? Filter, Dictionary<string, string[]> Errors)> ParseAsync(ReportQuery q, ClaimsPrincipal user,
        DbConnection conn, DateTimeOffset now, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var range = ReportRange.Parse(q, now, errors);
        if (q.Source is { Length: > 100 })
        {
            errors["source"] = ["At most 100 characters."];
        }

        if (range is null || errors.Count > 0)
        {
            return (null, errors);
        }

        var tenant = user.TenantId();
        var known = await conn.QuerySingleAsync<Known>(new CommandDefinition("""
            SELECT (@agent::uuid IS NULL OR EXISTS (SELECT 1 FROM conversions.agents WHERE tenant_id = @tenant AND user_id = @agent)) AS Agent,
                   (@team::uuid IS NULL OR EXISTS (SELECT 1 FROM conversions.agents WHERE tenant_id = @tenant AND team_id = @team)) AS Team,
                   (@source::text IS NULL OR EXISTS (SELECT 1 FROM conversions.lead_facts WHERE tenant_id = @tenant AND source = @source)
                                          OR EXISTS (SELECT 1 FROM conversions.spend WHERE tenant_id = @tenant AND source = @source)) AS Source
            """, new { tenant, agent = q.Agent, team = q.Team, source = q.Source }, cancellationToken: ct));
        AddUnless(known.Agent, "agent", "No user of this brokerage has this id.", errors);
        AddUnless(known.Team, "team", "No team of this brokerage with members has this id.", errors);
        AddUnless(known.Source, "source", "No lead or spend of this brokerage has this source.", errors);
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var scope = Scope.Of(user);
        var agents = await DealFigures.AgentsAsync(conn, tenant, ct);
        return (new ReportFilter(range, q, scope, tenant, agents, AgentsOf(q, scope, agents.Values)), errors);
    }

    /// <summary>The agent and team filters intersected with the scope, by <see cref="Scope"/>'s rule; null when nothing narrows.</summary>
    private static Guid[]? AgentsOf(ReportQuery q, Scope scope, IEnumerable<Agent> members)
    {
        IEnumerable<Guid>? ids = q.Agent is { } agent ? [agent] : null;
        if (q.Team is { } team)
        {
            ids = (ids ?? members.Select(m => m.Id)).Where(id => members.Any(m => m.Id == id && m.TeamId == team));
        }

        if (!scope.All)
        {
            var visible = scope.WholeTeam ? members.Where(m => m.TeamId == scope.Team).Select(m => m.Id).Append(scope.Me) : [scope.Me];
            ids = (ids ?? visible).Intersect(visible);
        }

        return ids?.Distinct().ToArray();
    }

    /// <summary>The filters and the caller's scope over alias <paramref name="a"/> (<c>source</c>, <c>agent_id</c>).</summary>
    public string Over(string a) => $"(@source::text IS NULL OR {a}.source = @source) AND {OverAgent(a)}";

    /// <summary>The agent and team filters and the caller's scope over alias <paramref name="a"/> (<c>agent_id</c>).</summary>
    public string OverAgent(string a) => AgentIds is null ? "TRUE" : $"{a}.agent_id = ANY(@agentIds::uuid[])";

    private static void AddUnless(bool ok, string field, string message, Dictionary<string, string[]> errors)
    {
        if (!ok)
        {
            errors[field] = [message];
        }
    }

    private sealed class Known
    {
        public bool Agent { get; set; }

        public bool Team { get; set; }

        public bool Source { get; set; }
    }
}
