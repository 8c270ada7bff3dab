using System.Security.Claims;
using Beacon.Contracts.Leads;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Tenancy;

namespace Beacon.Leads.Query;

/// <summary>Serves <see cref="ILeadAccess"/> to other modules with the very predicate the list and the lead's GET use.</summary>
internal sealed class LeadAccess(Db db) : ILeadAccess
{
    public async Task<bool> MayViewAsync(ClaimsPrincipal caller, Guid leadId, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(caller.TenantId(), ct);
        return await LeadReader.VisibleAsync(conn, null, caller, leadId, ct);
    }
}
