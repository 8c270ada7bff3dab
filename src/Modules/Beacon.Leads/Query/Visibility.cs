using System.Security.Claims;
using Beacon.Contracts.Identity;
using Beacon.SharedKernel.Tenancy;
using Dapper;

namespace Beacon.Leads.Query;

/// <summary>
/// Which leads a principal may see: agents their own, team leads their team's (and their own), admins, owners and
/// read-only users all of the brokerage's. Applied as a SQL predicate on alias <c>l</c>.
/// </summary>
internal sealed record Visibility(string Predicate, Guid Me, Guid? Team)
{
    public static Visibility Of(ClaimsPrincipal user)
    {
        var me = user.UserId();
        var team = Guid.TryParse(user.FindFirstValue("team"), out var t) ? t : (Guid?)null;
        return user.Role() switch
        {
            Roles.Agent => new Visibility("l.assigned_to = @visMe", me, null),
            Roles.TeamLead when team is not null => new Visibility("""
                (l.assigned_to = @visMe OR l.assigned_to IN
                    (SELECT a.user_id FROM leads.agents a WHERE a.tenant_id = @tenant AND a.team_id = @visTeam))
                """, me, team),
            Roles.TeamLead => new Visibility("l.assigned_to = @visMe", me, null),
            _ => new Visibility("TRUE", me, null),
        };
    }

    public void AddTo(DynamicParameters p)
    {
        p.Add("visMe", Me);
        p.Add("visTeam", Team);
    }
}
