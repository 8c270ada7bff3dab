using Beacon.Leads.Capture;

namespace Beacon.Leads.Model;

/// <summary>A validated, normalised lead as it arrives (from the API, an import row or the demo generator).</summary>
internal sealed class LeadDraft
{
    public string? FirstName { get; init; }

    public string? LastName { get; init; }

    public List<string> Emails { get; init; } = [];

    public List<string> Phones { get; init; } = [];

    public string Source { get; init; } = "api";

    public string? SourceDetail { get; init; }

    public string Type { get; init; } = "buyer";

    public string Stage { get; init; } = "new";

    public decimal? PriceMin { get; init; }

    public decimal? PriceMax { get; init; }

    public List<string> ZipCodes { get; init; } = [];

    public List<string> Areas { get; init; } = [];

    public string? Timeline { get; init; }

    public string? Financing { get; init; }

    public AddressInput? Property { get; init; }

    public string? ExternalId { get; init; }

    public List<string> Tags { get; init; } = [];

    /// <summary>JSON object text.</summary>
    public string CustomFields { get; init; } = "{}";

    /// <summary>JSON object text: channel → {granted, source, at}.</summary>
    public string Consents { get; init; } = "{}";

    public Guid? AssignedAgentId { get; init; }

    public string? TimeZone { get; init; }

    public string? TimeZoneSource { get; init; }

    public string? Message { get; init; }

    /// <summary>The dedupe keys: (kind, value) with kind e = e-mail, p = phone, x = external id.</summary>
    public IEnumerable<(char Kind, string Value)> Identities() =>
        Emails.Select(e => ('e', e)).Concat(Phones.Select(p => ('p', p)))
            .Concat(ExternalId is null ? [] : [('x', ExternalId)]);

    public string SearchText() =>
        string.Join(' ', new[] { FirstName, LastName }.Concat(Emails).Concat(Phones).Where(s => !string.IsNullOrEmpty(s)))
            .ToLowerInvariant();
}
