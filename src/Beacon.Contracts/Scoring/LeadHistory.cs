using Beacon.Contracts.Leads;

namespace Beacon.Contracts.Scoring;

/// <summary>
/// Bulk read of a tenant's leads for model training (implemented by the Leads module): every lead not deleted,
/// created at or after <c>createdFrom</c>, with its activities (newest first, at most <c>maxActivitiesPerLead</c>).
/// </summary>
public interface ILeadHistory
{
    Task<IReadOnlyList<LeadSnapshot>> ListAsync(Guid tenantId, DateTimeOffset createdFrom, int maxActivitiesPerLead,
        CancellationToken ct);
}
