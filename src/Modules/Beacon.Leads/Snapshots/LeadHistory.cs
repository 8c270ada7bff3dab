using Beacon.Contracts.Leads;
using Beacon.Contracts.Scoring;
using Beacon.Leads.Model;
using Beacon.SharedKernel.Database;
using Dapper;

namespace Beacon.Leads.Snapshots;

/// <summary>Serves <see cref="ILeadHistory"/> (Scoring's training rows): the leads and their activities in two reads.</summary>
internal sealed class LeadHistory(Db db) : ILeadHistory
{
    public async Task<IReadOnlyList<LeadSnapshot>> ListAsync(Guid tenantId, DateTimeOffset createdFrom,
        int maxActivitiesPerLead, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(tenantId, ct);
        // One snapshot for both reads, and no nested loops: this reads a whole tenant, and right after a bulk load
        // (an import, the demo seed) the statistics may not know it yet; a nested loop planned on "a few rows" then
        // ran for over 20 minutes in a test run.
        await using var tx = await conn.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        await conn.ExecuteAsync(new CommandDefinition("SET LOCAL enable_nestloop = off", transaction: tx, cancellationToken: ct));
        var rows = (await conn.QueryAsync<LeadRow>(new CommandDefinition($"""
            SELECT {LeadRow.Columns} FROM leads.leads
             WHERE tenant_id = @tenantId AND deleted_at IS NULL AND created_at >= @createdFrom
             ORDER BY created_at, id
            """, new { tenantId, createdFrom }, tx, cancellationToken: ct))).ToList();
        var activities = (await conn.QueryAsync<ActivityRow>(new CommandDefinition("""
            SELECT lead_id AS LeadId, id AS ActivityId, type, occurred_at AS OccurredAt, actor_id AS ActorId, data::text AS DataJson
              FROM (SELECT a.*, row_number() OVER (PARTITION BY a.lead_id ORDER BY a.occurred_at DESC, a.id DESC) AS n
                      FROM leads.activities a
                      JOIN leads.leads l ON l.tenant_id = a.tenant_id AND l.id = a.lead_id
                     WHERE a.tenant_id = @tenantId AND l.tenant_id = @tenantId AND l.deleted_at IS NULL
                       AND l.created_at >= @createdFrom) x
             WHERE n <= @maxActivitiesPerLead
             ORDER BY lead_id, occurred_at DESC, id DESC
            """, new { tenantId, createdFrom, maxActivitiesPerLead }, tx, cancellationToken: ct)))
            .GroupBy(a => a.LeadId)
            .ToDictionary(g => g.Key, g => g.Select(a => new LeadActivitySnapshot(a.ActivityId, a.Type, a.OccurredAt, a.ActorId, a.DataJson)).ToList());
        return rows.Select(row => Snapshot(tenantId, row, activities.GetValueOrDefault(row.Id) ?? [])).ToList();
    }

    private static LeadSnapshot Snapshot(Guid tenantId, LeadRow row, IReadOnlyList<LeadActivitySnapshot> activities)
    {
        var address = row.PropertyStreet is null && row.PropertyCity is null && row.PropertyZip is null
            ? null
            : new LeadAddress(row.PropertyStreet, row.PropertyCity, row.PropertyState, row.PropertyZip);
        return new LeadSnapshot(tenantId, row.Id, row.FirstName, row.LastName, row.Emails, row.Phones, row.Source,
            row.SourceDetail, row.Type, row.Stage, row.PriceMin, row.PriceMax, row.ZipCodes, row.Areas, row.Timeline,
            row.Financing, address, row.AssignedTo, row.Tags, row.CustomFields, row.Consents, row.TimeZone,
            row.CreatedAt, row.UpdatedAt, row.LastActivityAt, activities);
    }

    private sealed class ActivityRow
    {
        public Guid LeadId { get; init; }

        public Guid ActivityId { get; init; }

        public string Type { get; init; } = "";

        public DateTimeOffset OccurredAt { get; init; }

        public Guid? ActorId { get; init; }

        public string DataJson { get; init; } = "{}";
    }
}
