using System.Data.Common;
using Beacon.Contracts.Leads;
using Beacon.Leads.Model;
using Beacon.SharedKernel.Database;
using Dapper;

namespace Beacon.Leads.Snapshots;

/// <summary>Serves <see cref="ILeadSnapshots"/> to other modules: lead rows and their latest activities in one round trip.</summary>
internal sealed class LeadSnapshots(Db db) : ILeadSnapshots
{
    public async Task<LeadSnapshot?> GetAsync(Guid tenantId, Guid leadId, int maxActivities, CancellationToken ct) =>
        await GetManyAsync(tenantId, [leadId], maxActivities, ct) is [var lead, ..] ? lead : null;

    public async Task<LeadSnapshot?> GetAsync(DbConnection connection, DbTransaction transaction, Guid tenantId, Guid leadId,
        int maxActivities, CancellationToken ct) =>
        await ReadAsync(connection, transaction, tenantId, [leadId], maxActivities, ct) is [var lead, ..] ? lead : null;

    public async Task<IReadOnlyList<LeadSnapshot>> GetManyAsync(Guid tenantId, IReadOnlyList<Guid> leadIds, int maxActivities,
        CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(tenantId, ct);
        return await ReadAsync(conn, null, tenantId, [.. leadIds], maxActivities, ct);
    }

    private static async Task<IReadOnlyList<LeadSnapshot>> ReadAsync(DbConnection conn, DbTransaction? tx, Guid tenantId, Guid[] ids,
        int maxActivities, CancellationToken ct)
    {
        // One lead by equality: a primary-key lookup whatever the statistics say, where a cached plan for ANY(array) has to
        // guess the array's length.
        var leads = $"SELECT {LeadRow.Columns} FROM leads.leads WHERE tenant_id = @tenantId AND {(ids.Length == 1 ? "id = @id" : "id = ANY(@ids)")} AND deleted_at IS NULL;";
        if (maxActivities <= 0)
        {
            // No timeline asked for (a workflow step): reading and ranking the lead's activities only to drop them all is waste.
            var alone = await conn.QueryAsync<LeadRow>(new CommandDefinition(leads, new { tenantId, ids, id = ids.FirstOrDefault() }, tx,
                cancellationToken: ct));
            return [.. alone.Select(r => ToSnapshot(tenantId, r, []))];
        }

        // The activity limit is per lead (a window), so one busy lead cannot crowd out the others of a batch.
        using var grid = await conn.QueryMultipleAsync(new CommandDefinition(leads + """
            SELECT LeadId, ActivityId, Type, OccurredAt, ActorId, DataJson FROM (
                SELECT lead_id AS LeadId, id AS ActivityId, type AS Type, occurred_at AS OccurredAt, actor_id AS ActorId,
                       data::text AS DataJson,
                       row_number() OVER (PARTITION BY lead_id ORDER BY occurred_at DESC, id DESC) AS n
                  FROM leads.activities WHERE tenant_id = @tenantId AND lead_id = ANY(@ids)) a
             WHERE n <= @maxActivities
             ORDER BY LeadId, OccurredAt DESC, ActivityId DESC;
            """, new { tenantId, ids, id = ids.FirstOrDefault(), maxActivities }, tx, cancellationToken: ct));
        var rows = (await grid.ReadAsync<LeadRow>()).ToList();
        var activities = (await grid.ReadAsync<ActivityRow>()).ToLookup(a => a.LeadId,
            a => new LeadActivitySnapshot(a.ActivityId, a.Type, a.OccurredAt, a.ActorId, a.DataJson));
        return [.. rows.Select(r => ToSnapshot(tenantId, r, [.. activities[r.Id]]))];
    }

    public async Task<IReadOnlyList<Guid>> ImportedLeadIdsAsync(Guid tenantId, Guid importId, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(tenantId, ct);
        return [.. await conn.QueryAsync<Guid>(new CommandDefinition("""
            SELECT id FROM leads.leads WHERE tenant_id = @tenantId AND import_id = @importId AND deleted_at IS NULL ORDER BY id
            """, new { tenantId, importId }, cancellationToken: ct))];
    }

    public async Task<IReadOnlyList<Guid>> LiveLeadIdsAsync(Guid tenantId, Guid after, int limit, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(tenantId, ct);
        return [.. await conn.QueryAsync<Guid>(new CommandDefinition("""
            SELECT id FROM leads.leads WHERE tenant_id = @tenantId AND id > @after AND deleted_at IS NULL ORDER BY id LIMIT @limit
            """, new { tenantId, after, limit }, cancellationToken: ct))];
    }

    private static LeadSnapshot ToSnapshot(Guid tenantId, LeadRow row, IReadOnlyList<LeadActivitySnapshot> activities)
    {
        var address = row.PropertyStreet is null && row.PropertyCity is null && row.PropertyZip is null
            ? null
            : new LeadAddress(row.PropertyStreet, row.PropertyCity, row.PropertyState, row.PropertyZip);
        return new LeadSnapshot(tenantId, row.Id, row.FirstName, row.LastName, row.Emails, row.Phones, row.Source,
            row.SourceDetail, row.Type, row.Stage, row.PriceMin, row.PriceMax, row.ZipCodes, row.Areas, row.Timeline,
            row.Financing, address, row.AssignedTo, row.Tags, row.CustomFields, row.Consents, row.TimeZone,
            row.CreatedAt, row.UpdatedAt, row.LastActivityAt, activities)
        { TimeZoneSource = row.TimeZoneSource };
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
