using Npgsql;
using NpgsqlTypes;

namespace Beacon.Leads.Activities;

/// <summary>Binary COPY of timeline entries into a temp table shaped like <c>leads.activities</c>.</summary>
internal static class ActivityCopy
{
    public static async Task WriteAsync(NpgsqlConnection conn, string table, Guid tenant, IEnumerable<NewActivity> activities,
        CancellationToken ct)
    {
        await using var w = await conn.BeginBinaryImportAsync(
            $"COPY {table} (tenant_id, lead_id, id, type, occurred_at, actor_id, body, data) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var a in activities)
        {
            await w.StartRowAsync(ct);
            await w.WriteAsync(tenant, NpgsqlDbType.Uuid, ct);
            await w.WriteAsync(a.LeadId, NpgsqlDbType.Uuid, ct);
            await w.WriteAsync(a.Id, NpgsqlDbType.Uuid, ct);
            await w.WriteAsync(a.Type, NpgsqlDbType.Text, ct);
            await w.WriteAsync(a.OccurredAt.ToUniversalTime(), NpgsqlDbType.TimestampTz, ct);
            if (a.ActorId is { } actor)
            {
                await w.WriteAsync(actor, NpgsqlDbType.Uuid, ct);
            }
            else
            {
                await w.WriteNullAsync(ct);
            }

            if (a.Body is null)
            {
                await w.WriteNullAsync(ct);
            }
            else
            {
                await w.WriteAsync(a.Body, NpgsqlDbType.Text, ct);
            }

            await w.WriteAsync(a.Data, NpgsqlDbType.Jsonb, ct);
        }

        await w.CompleteAsync(ct);
    }
}
