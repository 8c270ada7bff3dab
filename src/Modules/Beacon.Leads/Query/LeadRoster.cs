using System.Security.Claims;
using Beacon.Contracts.Leads;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Tenancy;
using Dapper;

namespace Beacon.Leads.Query;

/// <summary>Serves <see cref="ILeadRoster"/>: lead sets for other modules' figures with the list's visibility predicate.</summary>
internal sealed class LeadRoster(Db db) : ILeadRoster
{
    // A person reaching out (HumanTouches: the definition Scoring keeps "waiting since" with).
    private static readonly string[] TouchTypes = [.. HumanTouches.Types];

    public async Task<IReadOnlyList<Guid>?> VisibleLeadIdsAsync(ClaimsPrincipal caller, CancellationToken ct)
    {
        var visibility = Visibility.Of(caller);
        if (visibility.Predicate == "TRUE")
        {
            return null;
        }

        var p = new DynamicParameters(new { tenant = caller.TenantId() });
        visibility.AddTo(p);
        await using var conn = await db.OpenAsync(caller.TenantId(), ct);
        return [.. await conn.QueryAsync<Guid>(new CommandDefinition($"""
            SELECT l.id FROM leads.leads l WHERE l.tenant_id = @tenant AND l.deleted_at IS NULL AND {visibility.Predicate}
            """, p, cancellationToken: ct))];
    }

    public async Task<IReadOnlyList<Guid>?> VisibleAgentIdsAsync(ClaimsPrincipal caller, CancellationToken ct)
    {
        var visibility = Visibility.Of(caller);
        if (visibility.Predicate == "TRUE")
        {
            return null;
        }

        if (visibility.Team is not { } team)
        {
            return [visibility.Me];
        }

        // The same set Visibility's team-lead predicate matches: the caller and the agents of the caller's team.
        await using var conn = await db.OpenAsync(caller.TenantId(), ct);
        var members = await conn.QueryAsync<Guid>(new CommandDefinition(
            "SELECT a.user_id FROM leads.agents a WHERE a.tenant_id = @tenant AND a.team_id = @team",
            new { tenant = caller.TenantId(), team }, cancellationToken: ct));
        return [.. members.Append(visibility.Me).Distinct()];
    }

    public async Task<IReadOnlyList<RosterLead>> AssignedOpenLeadsAmongAsync(ClaimsPrincipal caller, IReadOnlyCollection<Guid> leadIds,
        CancellationToken ct)
    {
        if (leadIds.Count == 0)
        {
            return [];
        }

        await using var conn = await db.OpenAsync(caller.TenantId(), ct);
        var rows = await conn.QueryAsync<(Guid Id, string? First, string? Last, string Stage, DateTimeOffset CreatedAt, DateTimeOffset? Touch)>(
            new CommandDefinition("""
                SELECT l.id, l.first_name, l.last_name, l.stage, l.created_at,
                       (SELECT max(a.occurred_at) FROM leads.activities a
                         WHERE a.tenant_id = l.tenant_id AND a.lead_id = l.id AND a.actor_id IS NOT NULL AND a.type = ANY(@touch))
                  FROM leads.leads l
                 WHERE l.tenant_id = @tenant AND l.id = ANY(@ids) AND l.assigned_to = @me AND l.deleted_at IS NULL
                   AND l.stage NOT IN ('closed', 'lost')
                """, new { tenant = caller.TenantId(), ids = leadIds.ToArray(), me = caller.UserId(), touch = TouchTypes },
                cancellationToken: ct));
        return [.. rows.Select(r => new RosterLead(r.Id, NameOf(r.First, r.Last), r.Stage, r.CreatedAt, r.Touch))];
    }

    private static string NameOf(string? first, string? last) =>
        $"{first} {last}".Trim() is { Length: > 0 } name ? name : "Unnamed lead";
}
