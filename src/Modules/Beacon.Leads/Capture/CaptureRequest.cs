using System.Text.Json;
using Beacon.Leads.Model;
using Beacon.SharedKernel.Http;

namespace Beacon.Leads.Capture;

/// <summary>What a portal, website form or integrator sends to <c>POST /api/v1/leads</c> (camelCase JSON).</summary>
internal sealed record CaptureRequest(
    string? FirstName = null,
    string? LastName = null,
    string? Email = null,
    IReadOnlyList<string>? Emails = null,
    string? Phone = null,
    IReadOnlyList<string>? Phones = null,
    string? Source = null,
    string? SourceDetail = null,
    [property: WireValues(typeof(LeadVocabulary), nameof(LeadVocabulary.Types))] string? Type = null,
    [property: WireValues(typeof(LeadVocabulary), nameof(LeadVocabulary.Stages))] string? Stage = null,
    decimal? PriceMin = null,
    decimal? PriceMax = null,
    IReadOnlyList<string>? ZipCodes = null,
    IReadOnlyList<string>? Areas = null,
    [property: WireValues(typeof(LeadVocabulary), nameof(LeadVocabulary.Timelines))] string? Timeline = null,
    [property: WireValues(typeof(LeadVocabulary), nameof(LeadVocabulary.Financing))] string? Financing = null,
    AddressInput? PropertyAddress = null,
    string? ExternalId = null,
    IReadOnlyList<string>? Tags = null,
    Dictionary<string, JsonElement>? CustomFields = null,
    Dictionary<string, ConsentInput>? Consents = null,
    Guid? AssignedAgentId = null,
    string? TimeZone = null,
    string? Message = null);

internal sealed record AddressInput(string? Street, string? City, string? State, string? Zip);

/// <summary>A consent to be contacted on one channel (email, sms, call), where it was given and when.</summary>
internal sealed record ConsentInput(bool Granted, string? Source = null, DateTimeOffset? At = null);
