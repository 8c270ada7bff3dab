using System.Text.Json;
using Beacon.Leads.Model;
using Beacon.SharedKernel.Database;
using Dapper;

namespace Beacon.Leads.Assignment;

/// <summary>
/// Decides who receives a new lead: an explicit agent (manual), else the first matching rule, else round robin
/// over the active agents and team leads (unless the tenant chose manual mode, which leaves it unassigned).
/// </summary>
internal sealed class Assigner(Db db)
{
    public async Task<AssignmentDecision> DecideAsync(TenantTransaction tx, LeadDraft lead, Guid? creatingAgent, CancellationToken ct)
    {
        using var grid = await tx.Connection.QueryMultipleAsync(new CommandDefinition("""
            SELECT mode, rules::text AS rules FROM leads.assignment WHERE tenant_id = @tenant;
            SELECT user_id FROM leads.agents
             WHERE tenant_id = @tenant AND active AND role IN ('agent', 'team_lead') ORDER BY user_id;
            """, new { tenant = tx.TenantId }, tx.Transaction, cancellationToken: ct));
        var settings = await grid.ReadSingleOrDefaultAsync<(string Mode, string Rules)?>();
        var agents = (await grid.ReadAsync<Guid>()).ToList();

        if (lead.AssignedAgentId is { } chosen)
        {
            return new AssignmentDecision(chosen, "manual", "Assigned by the caller.");
        }

        if (creatingAgent is { } self)
        {
            return new AssignmentDecision(self, "manual", "Created by the agent, who keeps it.");
        }

        foreach (var rule in ParseRules(settings?.Rules))
        {
            if (rule.Matches(lead) && agents.Contains(rule.AgentId))
            {
                return new AssignmentDecision(rule.AgentId, "rule", $"Matched {rule.Describe()}.");
            }
        }

        if (settings?.Mode == "manual")
        {
            return new AssignmentDecision(null, "manual", "No rule matched; manual assignment is on, so the lead waits in the pond.");
        }

        if (agents.Count == 0)
        {
            return new AssignmentDecision(null, "round_robin", "No active agent to assign to.");
        }

        var turn = await NextTurnAsync(tx.TenantId, ct);
        var agent = agents[(int)(turn % agents.Count)];
        return new AssignmentDecision(agent, "round_robin", $"Round robin: turn {turn} of {agents.Count} active agents.");
    }

    public static IReadOnlyList<AssignmentRule> ParseRules(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<List<AssignmentRule>>(json, JsonSerializerOptions.Web) ?? [];

    public static async Task<bool> IsAssignableAsync(TenantTransaction tx, Guid agent, CancellationToken ct) =>
        await tx.Connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM leads.agents WHERE tenant_id = @tenant AND user_id = @agent AND active AND role <> 'read_only')",
            new { tenant = tx.TenantId, agent }, tx.Transaction, cancellationToken: ct));

    // The turn counter is bumped in its own tiny transaction without waiting for the disk flush: holding the row
    // until the capture commits would serialise every capture of a tenant, and a turn lost in a crash costs nothing.
    private async Task<long> NextTurnAsync(Guid tenant, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(tenant, ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("SET LOCAL synchronous_commit = off", transaction: tx, cancellationToken: ct));
        var turn = await conn.ExecuteScalarAsync<long>(new CommandDefinition("""
            INSERT INTO leads.assignment AS a (tenant_id) VALUES (@tenant)
            ON CONFLICT (tenant_id) DO UPDATE SET rr_counter = a.rr_counter + 1
            RETURNING rr_counter
            """, new { tenant }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return turn;
    }
}
