using System.Data.Common;
using System.Text.Json;
using Beacon.Leads.Model;
using Beacon.SharedKernel.Database;
using Dapper;

namespace Beacon.Leads.Assignment;

/// <summary>
/// Decides who receives a new lead: an explicit agent (manual), else its creator when an agent or team lead typed it in,
/// else the first matching rule, else round robin over the active agents and team leads (unless the tenant chose manual
/// mode, which leaves it unassigned).
/// </summary>
internal sealed class Assigner(SideDb side)
{
    /// <summary>Decides from the tenant's settings and active agents (read by the caller in its own round trip).</summary>
    public async Task<AssignmentDecision> DecideAsync(Guid tenant, LeadDraft lead, Guid? creatingAgent, AssignmentContext context,
        CancellationToken ct)
    {
        if (lead.AssignedAgentId is { } chosen)
        {
            return new AssignmentDecision(chosen, "manual", "Assigned by the caller.");
        }

        if (creatingAgent is { } self)
        {
            return new AssignmentDecision(self, "manual", "Created by this agent or team lead, who keeps it.");
        }

        foreach (var rule in ParseRules(context.Rules))
        {
            if (rule.Matches(lead) && context.Agents.Contains(rule.AgentId))
            {
                return new AssignmentDecision(rule.AgentId, "rule", $"Matched {rule.Describe()}.");
            }
        }

        if (context.Mode == "manual")
        {
            return new AssignmentDecision(null, "manual", "No rule matched; manual assignment is on, so the lead waits in the pond.");
        }

        if (context.Agents.Count == 0)
        {
            return new AssignmentDecision(null, "round_robin", "No active agent to assign to.");
        }

        var turn = await NextTurnAsync(tenant, ct);
        var agent = context.Agents[(int)(turn % context.Agents.Count)];
        return new AssignmentDecision(agent, "round_robin", $"Round robin: turn {turn} of {context.Agents.Count} active agents.");
    }

    public static IReadOnlyList<AssignmentRule> ParseRules(string? json) =>
        string.IsNullOrEmpty(json) ? [] : JsonSerializer.Deserialize<List<AssignmentRule>>(json, JsonSerializerOptions.Web) ?? [];

    public static Task<bool> IsAssignableAsync(TenantTransaction tx, Guid agent, CancellationToken ct) =>
        IsAssignableAsync(tx.Connection, tx.Transaction, tx.TenantId, agent, ct);

    public static async Task<bool> IsAssignableAsync(DbConnection connection, DbTransaction? transaction, Guid tenant, Guid agent,
        CancellationToken ct) =>
        await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM leads.agents WHERE tenant_id = @tenant AND user_id = @agent AND active AND role <> 'read_only')",
            new { tenant, agent }, transaction, cancellationToken: ct));

    /// <summary>The next of the active agents and team leads in the brokerage's round robin; null when there is none.</summary>
    public async Task<Guid?> RoundRobinAsync(DbConnection connection, DbTransaction transaction, Guid tenant, CancellationToken ct)
    {
        var agents = (await connection.QueryAsync<Guid>(new CommandDefinition("""
            SELECT user_id FROM leads.agents WHERE tenant_id = @tenant AND active AND role IN ('agent', 'team_lead') ORDER BY user_id
            """, new { tenant }, transaction, cancellationToken: ct))).ToList();
        return agents.Count == 0 ? null : agents[(int)(await NextTurnAsync(tenant, ct) % agents.Count)];
    }

    // The turn counter is bumped in its own tiny transaction without waiting for the disk flush: holding the row
    // until the capture commits would serialise every capture of a tenant, and a turn lost in a crash costs nothing.
    // It runs on the side pool: the capture holds a main-pool connection meanwhile, and waiting for a second one
    // from the same pool deadlocked it once 20 captures ran at once (docs/benchmarks.md).
    private async Task<long> NextTurnAsync(Guid tenant, CancellationToken ct)
    {
        await using var conn = await side.OpenAsync(tenant, ct);
        return await conn.QuerySingleAsync<long>(new CommandDefinition("""
            BEGIN;
            SET LOCAL synchronous_commit = off;
            INSERT INTO leads.assignment AS a (tenant_id) VALUES (@tenant)
            ON CONFLICT (tenant_id) DO UPDATE SET rr_counter = a.rr_counter + 1
            RETURNING rr_counter;
            COMMIT;
            """, new { tenant }, cancellationToken: ct));
    }
}
