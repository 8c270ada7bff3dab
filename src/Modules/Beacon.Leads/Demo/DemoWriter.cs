using Beacon.Leads.Model;
using Beacon.SharedKernel.Database;
using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace Beacon.Leads.Demo;

/// <summary>
/// Writes generated leads with binary COPY. PostgreSQL refuses COPY FROM into a table under row-level security,
/// so rows go into session temp tables first and are moved with one INSERT … SELECT each (checked by the policy).
/// </summary>
internal static class DemoWriter
{
    public static async Task<int> WriteAsync(TenantTransaction tx, IEnumerable<GeneratedLead> leads, int seed, Guid importId, CancellationToken ct)
    {
        var conn = tx.Connection;
        await conn.ExecuteAsync(new CommandDefinition("""
            CREATE TEMP TABLE demo_leads (LIKE leads.leads INCLUDING DEFAULTS) ON COMMIT DROP;
            CREATE TEMP TABLE demo_activities (LIKE leads.activities INCLUDING DEFAULTS) ON COMMIT DROP;
            CREATE TEMP TABLE demo_truth (LIKE leads.demo_truth) ON COMMIT DROP;
            """, transaction: tx.Transaction, cancellationToken: ct));
        // One COPY at a time per connection: leads, then their timelines, then the ground truth.
        var list = leads as IReadOnlyList<GeneratedLead> ?? leads.ToList();
        await using (var l = await conn.BeginBinaryImportAsync("""
            COPY demo_leads (tenant_id, id, first_name, last_name, emails, phones, source, type, stage, price_min, price_max,
                zip_codes, timeline, financing, property_street, property_city, property_state, property_zip, assigned_to, tags,
                custom_fields, consents, time_zone, time_zone_source, search, created_at, updated_at, last_activity_at, import_id)
            FROM STDIN (FORMAT BINARY)
            """, ct))
        {
            foreach (var g in list)
            {
                await WriteLeadAsync(l, tx.TenantId, g.Lead, importId, ct);
            }

            await l.CompleteAsync(ct);
        }

        await using (var a = await conn.BeginBinaryImportAsync(
            "COPY demo_activities (tenant_id, lead_id, id, type, occurred_at, actor_id, body, data) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var act in list.SelectMany(g => g.Activities))
            {
                await a.StartRowAsync(ct);
                await a.WriteAsync(tx.TenantId, NpgsqlDbType.Uuid, ct);
                await a.WriteAsync(act.LeadId, NpgsqlDbType.Uuid, ct);
                await a.WriteAsync(act.Id, NpgsqlDbType.Uuid, ct);
                await a.WriteAsync(act.Type, NpgsqlDbType.Text, ct);
                await a.WriteAsync(act.OccurredAt.ToUniversalTime(), NpgsqlDbType.TimestampTz, ct);
                await Nullable(a, act.ActorId, NpgsqlDbType.Uuid, ct);
                await Nullable(a, act.Body, NpgsqlDbType.Text, ct);
                await a.WriteAsync(act.Data, NpgsqlDbType.Jsonb, ct);
            }

            await a.CompleteAsync(ct);
        }

        await using (var t = await conn.BeginBinaryImportAsync(
            "COPY demo_truth (tenant_id, lead_id, probability, converted, seed) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var g in list)
            {
                await t.WriteRowAsync(ct, tx.TenantId, g.Lead.Id, g.Probability, g.Converted, seed);
            }

            await t.CompleteAsync(ct);
        }

        await conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO leads.leads SELECT * FROM demo_leads;
            INSERT INTO leads.activities SELECT * FROM demo_activities;
            INSERT INTO leads.demo_truth SELECT * FROM demo_truth;
            INSERT INTO leads.identities (tenant_id, kind, value, lead_id)
            SELECT tenant_id, 'e', unnest(emails), id FROM demo_leads
            UNION ALL SELECT tenant_id, 'p', unnest(phones), id FROM demo_leads
            ON CONFLICT DO NOTHING;
            """, transaction: tx.Transaction, commandTimeout: 600, cancellationToken: ct));
        return list.Count;
    }

    private static async Task WriteLeadAsync(NpgsqlBinaryImporter w, Guid tenant, LeadRow r, Guid importId, CancellationToken ct)
    {
        await w.StartRowAsync(ct);
        await w.WriteAsync(tenant, NpgsqlDbType.Uuid, ct);
        await w.WriteAsync(r.Id, NpgsqlDbType.Uuid, ct);
        await Nullable(w, r.FirstName, NpgsqlDbType.Text, ct);
        await Nullable(w, r.LastName, NpgsqlDbType.Text, ct);
        await w.WriteAsync(r.Emails, NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
        await w.WriteAsync(r.Phones, NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
        await w.WriteAsync(r.Source, NpgsqlDbType.Text, ct);
        await w.WriteAsync(r.Type, NpgsqlDbType.Text, ct);
        await w.WriteAsync(r.Stage, NpgsqlDbType.Text, ct);
        await Nullable(w, r.PriceMin, NpgsqlDbType.Numeric, ct);
        await Nullable(w, r.PriceMax, NpgsqlDbType.Numeric, ct);
        await w.WriteAsync(r.ZipCodes, NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
        await Nullable(w, r.Timeline, NpgsqlDbType.Text, ct);
        await Nullable(w, r.Financing, NpgsqlDbType.Text, ct);
        await Nullable(w, r.PropertyStreet, NpgsqlDbType.Text, ct);
        await Nullable(w, r.PropertyCity, NpgsqlDbType.Text, ct);
        await Nullable(w, r.PropertyState, NpgsqlDbType.Text, ct);
        await Nullable(w, r.PropertyZip, NpgsqlDbType.Text, ct);
        await Nullable(w, r.AssignedTo, NpgsqlDbType.Uuid, ct);
        await w.WriteAsync(r.Tags, NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
        await w.WriteAsync(r.CustomFields, NpgsqlDbType.Jsonb, ct);
        await w.WriteAsync(r.Consents, NpgsqlDbType.Jsonb, ct);
        await Nullable(w, r.TimeZone, NpgsqlDbType.Text, ct);
        await Nullable(w, r.TimeZoneSource, NpgsqlDbType.Text, ct);
        await w.WriteAsync(LeadStore.Search(r), NpgsqlDbType.Text, ct);
        await w.WriteAsync(r.CreatedAt.ToUniversalTime(), NpgsqlDbType.TimestampTz, ct);
        await w.WriteAsync(r.UpdatedAt.ToUniversalTime(), NpgsqlDbType.TimestampTz, ct);
        await w.WriteAsync(r.LastActivityAt.ToUniversalTime(), NpgsqlDbType.TimestampTz, ct);
        await w.WriteAsync(importId, NpgsqlDbType.Uuid, ct);
    }

    private static Task Nullable<T>(NpgsqlBinaryImporter w, T? value, NpgsqlDbType type, CancellationToken ct) =>
        value is null ? w.WriteNullAsync(ct) : w.WriteAsync(value, type, ct);
}
