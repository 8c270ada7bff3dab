namespace Beacon.Leads.Assignment;

/// <summary>The tenant's routing settings and its active agents and team leads (ordered by id, for round robin).</summary>
internal sealed record AssignmentContext(string Mode, string? Rules, IReadOnlyList<Guid> Agents)
{
    /// <summary>Reads the context in a multi-statement round trip: the settings row (or none), then the agents.</summary>
    public const string Sql = """
        SELECT mode, rules::text AS rules FROM leads.assignment WHERE tenant_id = @tenant;
        SELECT user_id FROM leads.agents WHERE tenant_id = @tenant AND active AND role IN ('agent', 'team_lead') ORDER BY user_id;
        """;
}
