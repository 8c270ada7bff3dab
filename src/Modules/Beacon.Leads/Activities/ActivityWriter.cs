using System.Data.Common;
using Beacon.SharedKernel.Database;
using Dapper;

namespace Beacon.Leads.Activities;

/// <summary>Writes timeline entries in one statement and moves each lead's last-activity time forward.</summary>
internal static class ActivityWriter
{
    public static Task WriteAsync(TenantTransaction tx, IReadOnlyList<NewActivity> activities, CancellationToken ct) =>
        WriteAsync(tx.Connection, tx.Transaction, tx.TenantId, activities, ct);

    public static Task WriteAsync(DbConnection connection, DbTransaction transaction, Guid tenant, IReadOnlyList<NewActivity> activities,
        CancellationToken ct)
    {
        if (activities.Count == 0)
        {
            return Task.CompletedTask;
        }

        var p = new DynamicParameters();
        p.Add("tenant", tenant);
        p.Add("leads", activities.Select(a => a.LeadId).ToArray());
        p.Add("ids", activities.Select(a => a.Id).ToArray());
        p.Add("types", activities.Select(a => a.Type).ToArray());
        p.Add("times", activities.Select(a => a.OccurredAt.ToUniversalTime()).ToArray());
        p.Add("actors", activities.Select(a => a.ActorId).ToArray());
        p.Add("bodies", activities.Select(a => a.Body).ToArray());
        p.Add("data", activities.Select(a => a.Data).ToArray());
        return connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO leads.activities (tenant_id, lead_id, id, type, occurred_at, actor_id, body, data)
            SELECT @tenant, l, i, t, o, a, b, d::jsonb
              FROM unnest(@leads::uuid[], @ids::uuid[], @types::text[], @times::timestamptz[], @actors::uuid[], @bodies::text[], @data::text[])
                   AS u(l, i, t, o, a, b, d);
            UPDATE leads.leads l SET last_activity_at = m.o
              FROM (SELECT l AS lead, max(o) AS o FROM unnest(@leads::uuid[], @times::timestamptz[]) AS u(l, o) GROUP BY l) m
             WHERE l.tenant_id = @tenant AND l.id = m.lead AND l.last_activity_at < m.o;
            """, p, transaction, cancellationToken: ct));
    }
}
