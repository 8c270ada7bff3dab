using System.Text.Json;
using Beacon.SharedKernel.Database;
using Npgsql;

namespace Beacon.Realtime.Stream;

/// <summary>Reads a tenant's stream (under its row-level security) and its current cursor.</summary>
internal sealed class StreamStore(Db db)
{
    public async Task<IReadOnlyList<StreamRow>> ReadAfterAsync(Guid tenantId, long after, int limit, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(tenantId, ct);
        await using var cmd = new NpgsqlCommand("""
            SELECT cursor, type, occurred_at, payload::text, lead_id, owner_id, owner_team
              FROM realtime.stream WHERE tenant_id = $1 AND cursor > $2 ORDER BY cursor LIMIT $3
            """, conn);
        cmd.Parameters.AddWithValue(tenantId);
        cmd.Parameters.AddWithValue(after);
        cmd.Parameters.AddWithValue(limit);
        var rows = new List<StreamRow>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            using var payload = JsonDocument.Parse(reader.GetString(3));
            rows.Add(new StreamRow(reader.GetInt64(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2),
                payload.RootElement.Clone(), Nullable(reader, 4), Nullable(reader, 5), Nullable(reader, 6)));
        }

        return rows;
    }

    /// <summary>The tenant's last cursor and the oldest one still kept (older ones were trimmed).</summary>
    public async Task<(long Current, long OldestKept)> PositionAsync(Guid tenantId, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(tenantId, ct);
        await using var cmd = new NpgsqlCommand("""
            SELECT coalesce((SELECT last FROM realtime.tenant_cursors WHERE tenant_id = $1), 0),
                   coalesce((SELECT min(cursor) FROM realtime.stream WHERE tenant_id = $1), 0)
            """, conn);
        cmd.Parameters.AddWithValue(tenantId);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private static Guid? Nullable(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetGuid(ordinal);
}
