using Beacon.Contracts.Leads;
using Beacon.Leads.Model;
using Beacon.SharedKernel.Database;
using Dapper;

namespace Beacon.Leads.Snapshots;

/// <summary>Serves <see cref="ILeadSnapshots"/> to other modules: the lead row and its latest activities in one round trip.</summary>
internal sealed class LeadSnapshots(Db db) : ILeadSnapshots
{
    public async Task<LeadSnapshot?> GetAsync(Guid tenantId, Guid leadId, int maxActivities, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(tenantId, ct);
        using var grid = await conn.QueryMultipleAsync(new CommandDefinition($"""
            SELECT {LeadRow.Columns} FROM leads.leads WHERE tenant_id = @tenantId AND id = @leadId AND deleted_at IS NULL;
            SELECT id AS ActivityId, type, occurred_at AS OccurredAt, actor_id AS ActorId, data::text AS DataJson
              FROM leads.activities WHERE tenant_id = @tenantId AND lead_id = @leadId
             ORDER BY occurred_at DESC, id DESC LIMIT @maxActivities;
            """, new { tenantId, leadId, maxActivities }, cancellationToken: ct));
        var row = await grid.ReadSingleOrDefaultAsync<LeadRow>();
        if (row is null)
        {
            return null;
        }

        var activities = (await grid.ReadAsync<ActivityRow>())
            .Select(a => new LeadActivitySnapshot(a.ActivityId, a.Type, a.OccurredAt, a.ActorId, a.DataJson))
            .ToList();
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
        public Guid ActivityId { get; init; }

        public string Type { get; init; } = "";

        public DateTimeOffset OccurredAt { get; init; }

        public Guid? ActorId { get; init; }

        public string DataJson { get; init; } = "{}";
    }
}
