namespace Beacon.Leads.Model;

internal static class LeadRows
{
    /// <summary>A new lead's row from a validated draft (unassigned, version 1).</summary>
    public static LeadRow FromDraft(Guid id, LeadDraft d, DateTimeOffset now) => new()
    {
        Id = id,
        FirstName = d.FirstName,
        LastName = d.LastName,
        Emails = [.. d.Emails],
        Phones = [.. d.Phones],
        Source = d.Source,
        SourceDetail = d.SourceDetail,
        Type = d.Type,
        Stage = d.Stage,
        PriceMin = d.PriceMin,
        PriceMax = d.PriceMax,
        ZipCodes = [.. d.ZipCodes],
        Areas = [.. d.Areas],
        Timeline = d.Timeline,
        Financing = d.Financing,
        PropertyStreet = d.Property?.Street,
        PropertyCity = d.Property?.City,
        PropertyState = d.Property?.State,
        PropertyZip = d.Property?.Zip,
        Tags = [.. d.Tags],
        CustomFields = d.CustomFields,
        Consents = d.Consents,
        TimeZone = d.TimeZone,
        TimeZoneSource = d.TimeZoneSource,
        ExternalId = d.ExternalId,
        Version = 1,
        CreatedAt = now,
        UpdatedAt = now,
        LastActivityAt = now,
    };
}
