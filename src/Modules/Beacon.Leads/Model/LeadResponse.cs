using System.Text.Json;
using Beacon.Leads.Capture;
using Beacon.SharedKernel.Http;

namespace Beacon.Leads.Model;

/// <summary>A lead as the API returns it.</summary>
internal sealed record LeadResponse(
    Guid Id,
    string? FirstName,
    string? LastName,
    string[] Emails,
    string[] Phones,
    string Source,
    string? SourceDetail,
    [property: WireValues(typeof(LeadVocabulary), nameof(LeadVocabulary.Types))] string Type,
    [property: WireValues(typeof(LeadVocabulary), nameof(LeadVocabulary.Stages))] string Stage,
    decimal? PriceMin,
    decimal? PriceMax,
    string[] ZipCodes,
    string[] Areas,
    [property: WireValues(typeof(LeadVocabulary), nameof(LeadVocabulary.Timelines))] string? Timeline,
    [property: WireValues(typeof(LeadVocabulary), nameof(LeadVocabulary.Financing))] string? Financing,
    AddressInput? PropertyAddress,
    Guid? AssignedTo,
    string[] Tags,
    JsonElement CustomFields,
    JsonElement Consents,
    string? TimeZone,
    string? TimeZoneSource,
    string? ExternalId,
    int Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset LastActivityAt)
{
    public static LeadResponse From(LeadRow r) => new(
        r.Id, r.FirstName, r.LastName, r.Emails, r.Phones, r.Source, r.SourceDetail, r.Type, r.Stage, r.PriceMin, r.PriceMax,
        r.ZipCodes, r.Areas, r.Timeline, r.Financing,
        r.PropertyStreet is null && r.PropertyCity is null && r.PropertyState is null && r.PropertyZip is null
            ? null
            : new AddressInput(r.PropertyStreet, r.PropertyCity, r.PropertyState, r.PropertyZip),
        r.AssignedTo, r.Tags, Json(r.CustomFields), Json(r.Consents), r.TimeZone, r.TimeZoneSource, r.ExternalId, r.Version,
        r.CreatedAt, r.UpdatedAt, r.LastActivityAt);

    private static JsonElement Json(string text)
    {
        using var doc = JsonDocument.Parse(text);
        return doc.RootElement.Clone();
    }
}
