using System.Security.Claims;
using Beacon.Contracts.Identity;
using Beacon.SharedKernel.Tenancy;
using Dapper;

namespace Beacon.Conversions.Reports;

/// <summary>
/// Which agents' leads and deals a principal may see, by the Leads module's rule: agents their own, team leads their
/// team's (and their own), admins, owners and read-only users all. A SQL predicate over an agent id column.
/// </summary>
internal sealed record Scope(Guid Me, Guid? Team, bool All, bool WholeTeam)
{
    public static Scope Of(ClaimsPrincipal user)
    {
        var team = Guid.TryParse(user.FindFirstValue("team"), out var t) ? t : (Guid?)null;
        return user.Role() switch
        {
            Roles.Agent => new Scope(user.UserId(), null, false, false),
            Roles.TeamLead => new Scope(user.UserId(), team, false, team is not null),
            _ => new Scope(user.UserId(), null, true, false),
        };
    }

    /// <summary>The predicate over <paramref name="agentColumn"/> (needs <c>@tenant</c>, added by <see cref="AddTo"/>).</summary>
    public string Over(string agentColumn) => All ? "TRUE"
        : WholeTeam ? $"""
            ({agentColumn} = @scopeMe OR {agentColumn} IN
                (SELECT a.user_id FROM conversions.agents a WHERE a.tenant_id = @tenant AND a.team_id = @scopeTeam))
            """
        : $"{agentColumn} = @scopeMe";

    public void AddTo(DynamicParameters p)
    {
        p.Add("scopeMe", Me);
        p.Add("scopeTeam", Team);
    }
}
