using Beacon.Leads.Model;

namespace Beacon.Leads.Assignment;

/// <summary>
/// One routing rule. Every criterion it sets must hold (source, ZIP, price band, type); the first matching rule of
/// the ordered list assigns the lead to <see cref="AgentId"/>.
/// </summary>
internal sealed record AssignmentRule(
    string? Name,
    string? Source,
    IReadOnlyList<string>? ZipCodes,
    decimal? PriceMin,
    decimal? PriceMax,
    string? Type,
    Guid AgentId)
{
    public bool Matches(LeadDraft lead)
    {
        if (Source is not null && !string.Equals(Source, lead.Source, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (Type is not null && !string.Equals(Type, lead.Type, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (ZipCodes is { Count: > 0 })
        {
            var zips = lead.ZipCodes.Append(lead.Property?.Zip).Where(z => z is not null).Select(z => z![..5]);
            if (!zips.Any(z => ZipCodes.Contains(z)))
            {
                return false;
            }
        }

        if (PriceMin is not null || PriceMax is not null)
        {
            // The lead's range must overlap the band; a lead without a price matches no band.
            var low = lead.PriceMin ?? lead.PriceMax;
            var high = lead.PriceMax ?? lead.PriceMin;
            if (low is null || high is null || (PriceMax is { } max && low > max) || (PriceMin is { } min && high < min))
            {
                return false;
            }
        }

        return true;
    }

    public string Describe() =>
        $"rule '{Name ?? "unnamed"}' ({string.Join(", ", new[]
        {
            Source is null ? null : $"source {Source}",
            ZipCodes is { Count: > 0 } ? $"zip in {string.Join('/', ZipCodes)}" : null,
            PriceMin is null && PriceMax is null ? null : $"price {PriceMin}–{PriceMax}",
            Type is null ? null : $"type {Type}",
        }.Where(s => s is not null))})";
}
