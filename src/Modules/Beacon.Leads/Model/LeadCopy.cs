using Npgsql;
using NpgsqlTypes;

namespace Beacon.Leads.Model;

/// <summary>Binary COPY of whole lead rows into a temp table shaped like <c>leads.leads</c>.</summary>
internal static class LeadCopy
{
    public const string Columns = """
        tenant_id, id, first_name, last_name, emails, phones, source, source_detail, type, stage, price_min, price_max, zip_codes,
        areas, timeline, financing, property_street, property_city, property_state, property_zip, assigned_to, tags,
        custom_fields, consents, time_zone, time_zone_source, external_id, search, import_id, import_row, version,
        created_at, updated_at, last_activity_at
        """;

    public static async Task WriteAsync(NpgsqlConnection conn, string table, Guid tenant,
        IEnumerable<(LeadRow Row, Guid? ImportId, long? ImportRow)> rows, CancellationToken ct)
    {
        await using var w = await conn.BeginBinaryImportAsync($"COPY {table} ({Columns}) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var (r, importId, importRow) in rows)
        {
            await w.StartRowAsync(ct);
            await w.WriteAsync(tenant, NpgsqlDbType.Uuid, ct);
            await w.WriteAsync(r.Id, NpgsqlDbType.Uuid, ct);
            await Opt(w, r.FirstName, ct);
            await Opt(w, r.LastName, ct);
            await w.WriteAsync(r.Emails, NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
            await w.WriteAsync(r.Phones, NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
            await w.WriteAsync(r.Source, NpgsqlDbType.Text, ct);
            await Opt(w, r.SourceDetail, ct);
            await w.WriteAsync(r.Type, NpgsqlDbType.Text, ct);
            await w.WriteAsync(r.Stage, NpgsqlDbType.Text, ct);
            await OptValue(w, r.PriceMin, NpgsqlDbType.Numeric, ct);
            await OptValue(w, r.PriceMax, NpgsqlDbType.Numeric, ct);
            await w.WriteAsync(r.ZipCodes, NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
            await w.WriteAsync(r.Areas, NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
            await Opt(w, r.Timeline, ct);
            await Opt(w, r.Financing, ct);
            await Opt(w, r.PropertyStreet, ct);
            await Opt(w, r.PropertyCity, ct);
            await Opt(w, r.PropertyState, ct);
            await Opt(w, r.PropertyZip, ct);
            await OptValue(w, r.AssignedTo, NpgsqlDbType.Uuid, ct);
            await w.WriteAsync(r.Tags, NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
            await w.WriteAsync(r.CustomFields, NpgsqlDbType.Jsonb, ct);
            await w.WriteAsync(r.Consents, NpgsqlDbType.Jsonb, ct);
            await Opt(w, r.TimeZone, ct);
            await Opt(w, r.TimeZoneSource, ct);
            await Opt(w, r.ExternalId, ct);
            await w.WriteAsync(LeadStore.Search(r), NpgsqlDbType.Text, ct);
            await OptValue(w, importId, NpgsqlDbType.Uuid, ct);
            await OptValue(w, importRow, NpgsqlDbType.Bigint, ct);
            await w.WriteAsync(r.Version, NpgsqlDbType.Integer, ct);
            await w.WriteAsync(r.CreatedAt.ToUniversalTime(), NpgsqlDbType.TimestampTz, ct);
            await w.WriteAsync(r.UpdatedAt.ToUniversalTime(), NpgsqlDbType.TimestampTz, ct);
            await w.WriteAsync(r.LastActivityAt.ToUniversalTime(), NpgsqlDbType.TimestampTz, ct);
        }

        await w.CompleteAsync(ct);
    }

    private static Task Opt(NpgsqlBinaryImporter w, string? value, CancellationToken ct) =>
        value is null ? w.WriteNullAsync(ct) : w.WriteAsync(value, NpgsqlDbType.Text, ct);

    private static Task OptValue<T>(NpgsqlBinaryImporter w, T? value, NpgsqlDbType type, CancellationToken ct)
        where T : struct =>
        value is { } v ? w.WriteAsync(v, type, ct) : w.WriteNullAsync(ct);
}
