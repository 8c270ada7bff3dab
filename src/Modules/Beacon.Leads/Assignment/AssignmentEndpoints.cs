using System.Security.Claims;
using System.Text.Json;
using Beacon.Contracts.Identity;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Http;
using Beacon.SharedKernel.Tenancy;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Beacon.Leads.Assignment;

/// <summary>How new leads are routed: <c>round_robin</c> or <c>manual</c>, plus an ordered list of rules tried first.</summary>
internal sealed record AssignmentSettings(string Mode, IReadOnlyList<AssignmentRule> Rules);

internal static class AssignmentEndpoints
{
    public static void Map(RouteGroupBuilder leads)
    {
        leads.MapGet("/assignment", GetAsync).RequireAuthorization(Policies.TeamLead)
            .WithName("GetLeadAssignment").WithSummary("The routing of new leads: mode and ordered rules.");
        leads.MapPut("/assignment", PutAsync).RequireAuthorization(Policies.Admin)
            .WithName("SetLeadAssignment").WithSummary("Set the routing of new leads (first matching rule wins, then the mode).");
    }

    private static async Task<Ok<AssignmentSettings>> GetAsync(ClaimsPrincipal user, Db db, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(user.TenantId(), ct);
        var row = await conn.QuerySingleOrDefaultAsync<(string Mode, string Rules)?>(new CommandDefinition(
            "SELECT mode, rules::text FROM leads.assignment WHERE tenant_id = @tenant", new { tenant = user.TenantId() }, cancellationToken: ct));
        return TypedResults.Ok(new AssignmentSettings(row?.Mode ?? "round_robin", Assigner.ParseRules(row?.Rules)));
    }

    private static async Task<Results<Ok<AssignmentSettings>, ValidationProblem>> PutAsync(AssignmentSettings settings,
        ClaimsPrincipal user, Db db, CancellationToken ct)
    {
        if (settings.Mode is not ("round_robin" or "manual"))
        {
            return ProblemResults.Field("mode", "round_robin or manual.");
        }

        if (settings.Rules.Count > 100)
        {
            return ProblemResults.Field("rules", "At most 100 rules.");
        }

        await using var tx = await db.BeginAsync(user.TenantId(), ct);
        for (var i = 0; i < settings.Rules.Count; i++)
        {
            if (!await tx.Connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                    "SELECT EXISTS (SELECT 1 FROM leads.agents WHERE tenant_id = @tenant AND user_id = @agent AND active)",
                    new { tenant = tx.TenantId, agent = settings.Rules[i].AgentId }, tx.Transaction, cancellationToken: ct)))
            {
                return ProblemResults.Field($"rules[{i}].agentId", "No active agent of this brokerage has this id.");
            }
        }

        await tx.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO leads.assignment (tenant_id, mode, rules) VALUES (@tenant, @mode, @rules::jsonb)
            ON CONFLICT (tenant_id) DO UPDATE SET mode = @mode, rules = @rules::jsonb
            """, new { tenant = tx.TenantId, mode = settings.Mode, rules = JsonSerializer.Serialize(settings.Rules, JsonSerializerOptions.Web) },
            tx.Transaction, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return TypedResults.Ok(settings);
    }
}
