using System.Text.Json;
using Beacon.Leads.Activities;
using Beacon.Leads.Assignment;
using Beacon.Leads.Model;
using Beacon.SharedKernel.Database;
using Dapper;

namespace Beacon.Leads.BulkImport;

/// <summary>
/// Writes one chunk's plan with binary COPY into session temp tables (row-level security forbids COPY into the real
/// tables) and moves the rows with one statement per table; the rejected rows go to the import's error list.
/// </summary>
internal static class ChunkWriter
{
    public static async Task WriteAsync(TenantTransaction tx, ChunkPlan plan, Guid importId, Guid? actor, IReadOnlyList<ImportError> errors,
        bool recordErrors, DateTimeOffset now, CancellationToken ct)
    {
        var conn = tx.Connection;
        await conn.ExecuteAsync(new CommandDefinition("""
            CREATE TEMP TABLE IF NOT EXISTS imp_leads (LIKE leads.leads INCLUDING DEFAULTS) ON COMMIT DROP;
            CREATE TEMP TABLE IF NOT EXISTS imp_updates (LIKE leads.leads INCLUDING DEFAULTS) ON COMMIT DROP;
            CREATE TEMP TABLE IF NOT EXISTS imp_activities (LIKE leads.activities INCLUDING DEFAULTS) ON COMMIT DROP;
            TRUNCATE imp_leads, imp_updates, imp_activities;
            """, transaction: tx.Transaction, cancellationToken: ct));

        var created = plan.Created.Values.ToList();
        var decisions = await BatchAssigner.DecideAsync(tx, created.Select(c => plan.CreatedFrom[c.Id].Draft).ToList(), ct);
        for (var i = 0; i < created.Count; i++)
        {
            created[i].AssignedTo = decisions[i].AgentId;
            var (rowNo, draft) = plan.CreatedFrom[created[i].Id];
            plan.Activities.Add(new NewActivity(created[i].Id, "import", now, actor,
                $"Imported (row {rowNo}). {decisions[i].Reason}",
                JsonSerializer.Serialize(new { importId, row = rowNo, agentId = decisions[i].AgentId, method = decisions[i].Method })));
            if (draft.Message is { Length: > 0 } message)
            {
                plan.Activities.Add(new NewActivity(created[i].Id, "note", now, actor, message, """{"fromImport":true}"""));
            }
        }

        await LeadCopy.WriteAsync(conn, "imp_leads", tx.TenantId, created.Select(c => (c, (Guid?)importId, (long?)plan.CreatedFrom[c.Id].RowNo)), ct);
        await LeadCopy.WriteAsync(conn, "imp_updates", tx.TenantId, plan.Updated.Values.Select(u => (u, (Guid?)null, (long?)null)), ct);
        await ActivityCopy.WriteAsync(conn, "imp_activities", tx.TenantId, plan.Activities, ct);
        await conn.ExecuteAsync(new CommandDefinition($"""
            INSERT INTO leads.leads ({LeadCopy.Columns}) SELECT {LeadCopy.Columns} FROM imp_leads;
            UPDATE leads.leads l SET first_name = u.first_name, last_name = u.last_name, emails = u.emails, phones = u.phones,
                   source_detail = u.source_detail, price_min = u.price_min, price_max = u.price_max, zip_codes = u.zip_codes,
                   areas = u.areas, timeline = u.timeline, financing = u.financing, property_street = u.property_street,
                   property_city = u.property_city, property_state = u.property_state, property_zip = u.property_zip,
                   tags = u.tags, custom_fields = u.custom_fields, consents = u.consents, time_zone = u.time_zone,
                   time_zone_source = u.time_zone_source, external_id = u.external_id, search = u.search,
                   version = l.version + 1, updated_at = @now
              FROM imp_updates u WHERE l.tenant_id = @tenant AND l.id = u.id;
            INSERT INTO leads.activities SELECT * FROM imp_activities;
            INSERT INTO leads.identities (tenant_id, kind, value, lead_id)
            SELECT @tenant, k, v, l FROM unnest(@kinds::text[], @values::text[], @leads::uuid[]) AS u(k, v, l)
            ON CONFLICT DO NOTHING;
            """, new
        {
            tenant = tx.TenantId,
            now,
            kinds = plan.Identities.Select(i => i.Kind.ToString()).ToArray(),
            values = plan.Identities.Select(i => i.Value).ToArray(),
            leads = plan.Identities.Select(i => i.LeadId).ToArray(),
        }, tx.Transaction, cancellationToken: ct));

        if (recordErrors && errors.Count > 0)
        {
            await conn.ExecuteAsync(new CommandDefinition("""
                INSERT INTO leads.import_errors (tenant_id, import_id, row_no, field, reason, raw)
                SELECT @tenant, @importId, r, f, m, w FROM unnest(@rows::bigint[], @fields::text[], @reasons::text[], @raws::text[]) AS u(r, f, m, w)
                ON CONFLICT DO NOTHING
                """, new
            {
                tenant = tx.TenantId,
                importId,
                rows = errors.Select(e => e.RowNo).ToArray(),
                fields = errors.Select(e => e.Field).ToArray(),
                reasons = errors.Select(e => e.Reason).ToArray(),
                raws = errors.Select(e => e.Raw).ToArray(),
            }, tx.Transaction, cancellationToken: ct));
        }
    }
}
