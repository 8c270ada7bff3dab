using System.Data.Common;
using Beacon.Leads.Activities;
using Beacon.SharedKernel.Database;
using Dapper;

namespace Beacon.Leads.Model;

/// <summary>The SQL that writes one lead and its dedupe keys (the capture and PATCH paths).</summary>
internal static class LeadStore
{
    /// <summary>A new lead, its dedupe keys and its first timeline entries in one round trip.</summary>
    public static async Task<LeadRow> InsertNewAsync(TenantTransaction tx, Guid id, LeadDraft d, Guid? agent,
        IReadOnlyList<NewActivity> activities, DateTimeOffset now, CancellationToken ct)
    {
        var identities = d.Identities().ToList();
        var p = new DynamicParameters(new
        {
            tenant = tx.TenantId,
            id,
            d.FirstName,
            d.LastName,
            Emails = d.Emails.ToArray(),
            Phones = d.Phones.ToArray(),
            d.Source,
            d.SourceDetail,
            d.Type,
            d.Stage,
            d.PriceMin,
            d.PriceMax,
            ZipCodes = d.ZipCodes.ToArray(),
            Areas = d.Areas.ToArray(),
            d.Timeline,
            d.Financing,
            street = d.Property?.Street,
            city = d.Property?.City,
            state = d.Property?.State,
            zip = d.Property?.Zip,
            agent,
            Tags = d.Tags.ToArray(),
            d.CustomFields,
            d.Consents,
            d.TimeZone,
            d.TimeZoneSource,
            d.ExternalId,
            search = d.SearchText(),
            now,
            kinds = identities.Select(i => i.Kind.ToString()).ToArray(),
            values = identities.Select(i => i.Value).ToArray(),
            aIds = activities.Select(a => a.Id).ToArray(),
            aTypes = activities.Select(a => a.Type).ToArray(),
            aTimes = activities.Select(a => a.OccurredAt.ToUniversalTime()).ToArray(),
            aActors = activities.Select(a => a.ActorId).ToArray(),
            aBodies = activities.Select(a => a.Body).ToArray(),
            aData = activities.Select(a => a.Data).ToArray(),
        });
        using var grid = await tx.Connection.QueryMultipleAsync(new CommandDefinition($"""
            INSERT INTO leads.leads (tenant_id, id, first_name, last_name, emails, phones, source, source_detail, type, stage,
                price_min, price_max, zip_codes, areas, timeline, financing, property_street, property_city, property_state,
                property_zip, assigned_to, tags, custom_fields, consents, time_zone, time_zone_source, external_id, search,
                created_at, updated_at, last_activity_at)
            VALUES (@tenant, @id, @FirstName, @LastName, @Emails, @Phones, @Source, @SourceDetail, @Type, @Stage,
                @PriceMin, @PriceMax, @ZipCodes, @Areas, @Timeline, @Financing, @street, @city, @state,
                @zip, @agent, @Tags, @CustomFields::jsonb, @Consents::jsonb, @TimeZone, @TimeZoneSource, @ExternalId, @search,
                @now, @now, @now)
            RETURNING {LeadRow.Columns};
            INSERT INTO leads.identities (tenant_id, kind, value, lead_id)
            SELECT @tenant, k, v, @id FROM unnest(@kinds::text[], @values::text[]) AS u(k, v)
            ON CONFLICT DO NOTHING;
            INSERT INTO leads.activities (tenant_id, lead_id, id, type, occurred_at, actor_id, body, data)
            SELECT @tenant, @id, i, t, o, a, b, dd::jsonb
              FROM unnest(@aIds::uuid[], @aTypes::text[], @aTimes::timestamptz[], @aActors::uuid[], @aBodies::text[], @aData::text[])
                   AS u(i, t, o, a, b, dd);
            """, p, tx.Transaction, cancellationToken: ct));
        return await grid.ReadSingleAsync<LeadRow>();
    }

    /// <summary>Writes every mutable field of <paramref name="r"/> and bumps the version (the ETag).</summary>
    public static Task<LeadRow> UpdateAsync(TenantTransaction tx, LeadRow r, DateTimeOffset now, CancellationToken ct) =>
        UpdateAsync(tx.Connection, tx.Transaction, tx.TenantId, r, now, ct);

    /// <summary>The same write inside a transaction another module holds (a workflow step's, <c>ILeadAutomation</c>).</summary>
    public static Task<LeadRow> UpdateAsync(DbConnection connection, DbTransaction transaction, Guid tenant, LeadRow r,
        DateTimeOffset now, CancellationToken ct) =>
        connection.QuerySingleAsync<LeadRow>(new CommandDefinition($"""
            UPDATE leads.leads SET first_name = @FirstName, last_name = @LastName, emails = @Emails, phones = @Phones,
                source_detail = @SourceDetail, type = @Type, stage = @Stage, price_min = @PriceMin, price_max = @PriceMax,
                zip_codes = @ZipCodes, areas = @Areas, timeline = @Timeline, financing = @Financing,
                property_street = @PropertyStreet, property_city = @PropertyCity, property_state = @PropertyState,
                property_zip = @PropertyZip, assigned_to = @AssignedTo, tags = @Tags, custom_fields = @CustomFields::jsonb,
                consents = @Consents::jsonb, time_zone = @TimeZone, time_zone_source = @TimeZoneSource,
                external_id = @ExternalId, search = @search, version = version + 1, updated_at = @now
             WHERE tenant_id = @tenant AND id = @Id
            RETURNING {LeadRow.Columns}
            """, new
        {
            tenant,
            r.Id,
            r.FirstName,
            r.LastName,
            r.Emails,
            r.Phones,
            r.SourceDetail,
            r.Type,
            r.Stage,
            r.PriceMin,
            r.PriceMax,
            r.ZipCodes,
            r.Areas,
            r.Timeline,
            r.Financing,
            r.PropertyStreet,
            r.PropertyCity,
            r.PropertyState,
            r.PropertyZip,
            r.AssignedTo,
            r.Tags,
            r.CustomFields,
            r.Consents,
            r.TimeZone,
            r.TimeZoneSource,
            r.ExternalId,
            search = Search(r),
            now,
        }, transaction, cancellationToken: ct));

    /// <summary>Claims dedupe keys for a lead; a key another lead already holds stays with that lead.</summary>
    public static Task AddIdentitiesAsync(TenantTransaction tx, Guid lead, IEnumerable<(char Kind, string Value)> identities,
        CancellationToken ct)
    {
        var list = identities.ToList();
        return tx.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO leads.identities (tenant_id, kind, value, lead_id)
            SELECT @tenant, k, v, @lead FROM unnest(@kinds::text[], @values::text[]) AS u(k, v)
            ON CONFLICT DO NOTHING
            """, new { tenant = tx.TenantId, lead, kinds = list.Select(i => i.Kind.ToString()).ToArray(), values = list.Select(i => i.Value).ToArray() },
            tx.Transaction, cancellationToken: ct));
    }

    public static Task<LeadRow?> LockAsync(TenantTransaction tx, Guid id, CancellationToken ct) =>
        LockAsync(tx.Connection, tx.Transaction, tx.TenantId, id, ct);

    public static Task<LeadRow?> LockAsync(DbConnection connection, DbTransaction transaction, Guid tenant, Guid id, CancellationToken ct) =>
        connection.QuerySingleOrDefaultAsync<LeadRow>(new CommandDefinition(
            $"SELECT {LeadRow.Columns} FROM leads.leads WHERE tenant_id = @tenant AND id = @id AND deleted_at IS NULL FOR UPDATE",
            new { tenant, id }, transaction, cancellationToken: ct));

    public static string Search(LeadRow r) =>
        string.Join(' ', new[] { r.FirstName, r.LastName }.Concat(r.Emails).Concat(r.Phones).Where(s => !string.IsNullOrEmpty(s)))
            .ToLowerInvariant();
}
