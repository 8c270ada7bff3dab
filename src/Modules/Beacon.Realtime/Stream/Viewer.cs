using Beacon.Contracts.Identity;

namespace Beacon.Realtime.Stream;

/// <summary>
/// Who is watching and what they may see (ADR 0005): owners, admins and read-only users see all of the tenant's
/// events; a team lead sees the leads of their team's agents; an agent their own leads; events about no lead
/// (users, teams, imports) go to owners and admins.
/// </summary>
internal sealed record Viewer(Guid TenantId, Guid UserId, string Role, Guid? TeamId)
{
    public bool MaySee(StreamRow row)
    {
        if (Role is Roles.Owner or Roles.Admin)
        {
            return true;
        }

        if (row.LeadId is null)
        {
            return false;
        }

        return Role switch
        {
            Roles.ReadOnly => true,
            Roles.TeamLead => row.OwnerId == UserId || (TeamId is not null && row.OwnerTeam == TeamId),
            Roles.Agent => row.OwnerId == UserId,
            _ => false,
        };
    }
}
