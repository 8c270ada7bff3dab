using Beacon.Contracts.Leads;

namespace Beacon.Workflows.Tasks;

internal static class TaskResponses
{
    /// <summary>Names each task's lead through Leads' snapshots (one round trip for the page).</summary>
    public static async Task<TaskResponse[]> FromAsync(IReadOnlyList<TaskRow> rows, Guid tenant, ILeadSnapshots leads,
        DateTimeOffset now, DateTimeOffset endOfDay, CancellationToken ct)
    {
        var ids = rows.Select(r => r.LeadId).Distinct().ToList();
        var names = ids.Count == 0
            ? new Dictionary<Guid, string?>()
            : (await leads.GetManyAsync(tenant, ids, 0, ct)).ToDictionary(l => l.LeadId, Name);
        return [.. rows.Select(r => new TaskResponse(r.Id, r.LeadId, names.GetValueOrDefault(r.LeadId), r.AssigneeId,
            r.AssigneeName, r.Title, r.Notes, r.DueAt, TaskBuckets.Of(r.DueAt, r.CompletedAt, now, endOfDay), r.CompletedAt,
            r.CompletedBy, r.EnrollmentId, r.CreatedAt))];
    }

    private static string? Name(LeadSnapshot lead)
    {
        var name = $"{lead.FirstName} {lead.LastName}".Trim();
        return name.Length > 0 ? name : lead.Emails.Count > 0 ? lead.Emails[0] : null;
    }
}
