using System.Security.Claims;

namespace Beacon.Contracts.Leads;

/// <summary>
/// Whether a caller may view one lead, by the Leads module's own rule (the one its list and <c>GET /leads/{id}</c>
/// apply): owners, admins and read-only users every lead of their brokerage, team leads their own and their team's
/// agents' leads, agents the leads assigned to them. Modules that show or change one lead's data ask this before
/// anything else and answer an invisible lead exactly like an unknown one (404), so existence does not leak.
/// </summary>
public interface ILeadAccess
{
    /// <summary>True when the lead exists in the caller's tenant, is not deleted, and the caller may view it.</summary>
    Task<bool> MayViewAsync(ClaimsPrincipal caller, Guid leadId, CancellationToken ct);
}
