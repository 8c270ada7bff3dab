using Beacon.Leads.Model;
using Beacon.SharedKernel.Database;
using Dapper;

namespace Beacon.Leads.Assignment;

/// <summary>
/// Assignment for a batch (imports): the same rules and round robin as one capture, with the settings read once and
/// the round-robin counter advanced once for the whole batch (inside the batch's transaction).
/// </summary>
internal static class BatchAssigner
{
    public static async Task<List<AssignmentDecision>> DecideAsync(TenantTransaction tx, IReadOnlyList<LeadDraft> leads, CancellationToken ct)
    {
        if (leads.Count == 0)
        {
            return [];
        }

        using var grid = await tx.Connection.QueryMultipleAsync(new CommandDefinition("""
            SELECT mode, rules::text AS rules FROM leads.assignment WHERE tenant_id = @tenant;
            SELECT user_id FROM leads.agents
             WHERE tenant_id = @tenant AND active AND role IN ('agent', 'team_lead') ORDER BY user_id;
            """, new { tenant = tx.TenantId }, tx.Transaction, cancellationToken: ct));
        var settings = await grid.ReadSingleOrDefaultAsync<(string Mode, string Rules)?>();
        var agents = (await grid.ReadAsync<Guid>()).ToList();
        var rules = Assigner.ParseRules(settings?.Rules);
        var result = new List<AssignmentDecision>(leads.Count);
        var roundRobin = new List<int>();
        foreach (var lead in leads)
        {
            var rule = rules.FirstOrDefault(r => r.Matches(lead) && agents.Contains(r.AgentId));
            if (rule is not null)
            {
                result.Add(new AssignmentDecision(rule.AgentId, "rule", $"Matched {rule.Describe()}."));
            }
            else if (settings?.Mode == "manual" || agents.Count == 0)
            {
                result.Add(new AssignmentDecision(null, "manual", agents.Count == 0 ? "No active agent to assign to." : "No rule matched; manual assignment is on."));
            }
            else
            {
                roundRobin.Add(result.Count);
                result.Add(null!);
            }
        }

        if (roundRobin.Count > 0)
        {
            var last = await tx.Connection.ExecuteScalarAsync<long>(new CommandDefinition("""
                INSERT INTO leads.assignment AS a (tenant_id, rr_counter) VALUES (@tenant, @n - 1)
                ON CONFLICT (tenant_id) DO UPDATE SET rr_counter = a.rr_counter + @n
                RETURNING rr_counter
                """, new { tenant = tx.TenantId, n = (long)roundRobin.Count }, tx.Transaction, cancellationToken: ct));
            var turn = last - roundRobin.Count + 1;
            foreach (var index in roundRobin)
            {
                result[index] = new AssignmentDecision(agents[(int)(turn % agents.Count)], "round_robin",
                    $"Round robin: turn {turn} of {agents.Count} active agents.");
                turn++;
            }
        }

        return result;
    }
}
