namespace Beacon.Leads.Model;

/// <summary>A row of <c>leads.leads</c> as Dapper reads it (snake_case columns onto these names).</summary>
internal sealed class LeadRow
{
    public const string Columns = """
        id, first_name, last_name, emails, phones, source, source_detail, type, stage, price_min, price_max, zip_codes,
        areas, timeline, financing, property_street, property_city, property_state, property_zip, assigned_to, tags,
        custom_fields::text AS custom_fields, consents::text AS consents, time_zone, time_zone_source, external_id,
        version, created_at, updated_at, last_activity_at
        """;

    public Guid Id { get; set; }

    public string? FirstName { get; set; }

    public string? LastName { get; set; }

    public string[] Emails { get; set; } = [];

    public string[] Phones { get; set; } = [];

    public string Source { get; set; } = "";

    public string? SourceDetail { get; set; }

    public string Type { get; set; } = "";

    public string Stage { get; set; } = "";

    public decimal? PriceMin { get; set; }

    public decimal? PriceMax { get; set; }

    public string[] ZipCodes { get; set; } = [];

    public string[] Areas { get; set; } = [];

    public string? Timeline { get; set; }

    public string? Financing { get; set; }

    public string? PropertyStreet { get; set; }

    public string? PropertyCity { get; set; }

    public string? PropertyState { get; set; }

    public string? PropertyZip { get; set; }

    public Guid? AssignedTo { get; set; }

    public string[] Tags { get; set; } = [];

    public string CustomFields { get; set; } = "{}";

    public string Consents { get; set; } = "{}";

    public string? TimeZone { get; set; }

    public string? TimeZoneSource { get; set; }

    public string? ExternalId { get; set; }

    public int Version { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset LastActivityAt { get; set; }

    public string ETag => $"\"{Version}\"";
}
