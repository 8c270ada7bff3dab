using System.Globalization;
using System.Text.Json;
using Beacon.Leads.Capture;

namespace Beacon.Leads.BulkImport;

/// <summary>Turns one CSV record into the same request the API takes, so imports obey exactly the capture rules.</summary>
internal static class RowMapper
{
    private static readonly char[] ListSeparators = [';', ',', '|'];

    public static CaptureRequest ToRequest(ColumnMapping mapping, List<string> cells, string defaultSource, Errors errors)
    {
        string? first = null, last = null, full = null, source = null, sourceDetail = null, type = null, stage = null;
        string? timeline = null, financing = null, street = null, city = null, state = null, zip = null, externalId = null;
        string? message = null, timeZone = null;
        decimal? priceMin = null, priceMax = null;
        List<string> emails = [], phones = [], zips = [], areas = [], tags = [];
        Dictionary<string, JsonElement>? custom = null;
        for (var i = 0; i < mapping.Fields.Length && i < cells.Count; i++)
        {
            var v = cells[i].Trim();
            if (v.Length == 0 || mapping.Fields[i] is not { } field)
            {
                continue;
            }

            switch (field)
            {
                case "firstName": first = v; break;
                case "lastName": last = v; break;
                case "fullName": full = v; break;
                case "email": emails.AddRange(Split(v)); break;
                case "phone": phones.AddRange(v.Split([';', '/'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)); break;
                case "source": source = v; break;
                case "sourceDetail": sourceDetail = v; break;
                case "type": type = v; break;
                case "stage": stage = v; break;
                case "priceMin": priceMin = Price(v, "priceMin", errors); break;
                case "priceMax": priceMax = Price(v, "priceMax", errors); break;
                case "zipCodes": zips.AddRange(Split(v).SelectMany(z => z.Split(' ', StringSplitOptions.RemoveEmptyEntries))); break;
                case "areas": areas.AddRange(Split(v)); break;
                case "timeline": timeline = v; break;
                case "financing": financing = v; break;
                case "propertyAddress.street": street = v; break;
                case "propertyAddress.city": city = v; break;
                case "propertyAddress.state": state = v; break;
                case "propertyAddress.zip": zip = v; break;
                case "externalId": externalId = v; break;
                case "tags": tags.AddRange(Split(v)); break;
                case "message": message = v; break;
                case "timeZone": timeZone = v; break;
                default:
                    custom ??= [];
                    custom[field["custom:".Length..]] = JsonSerializer.SerializeToElement(v);
                    break;
            }
        }

        if (full is not null && first is null && last is null)
        {
            var space = full.LastIndexOf(' ');
            (first, last) = space > 0 ? (full[..space], full[(space + 1)..]) : (full, null);
        }

        return new CaptureRequest(
            FirstName: first, LastName: last, Emails: emails, Phones: phones, Source: source ?? defaultSource, SourceDetail: sourceDetail,
            Type: type, Stage: stage, PriceMin: priceMin, PriceMax: priceMax, ZipCodes: zips, Areas: areas, Timeline: timeline,
            Financing: financing,
            PropertyAddress: street is null && city is null && state is null && zip is null ? null : new AddressInput(street, city, state, zip),
            ExternalId: externalId, Tags: tags, CustomFields: custom, TimeZone: timeZone, Message: message);
    }

    private static string[] Split(string v) => v.Split(ListSeparators, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    private static decimal? Price(string v, string field, Errors errors)
    {
        var cleaned = v.Replace("$", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal).Trim();
        var multiplier = 1m;
        if (cleaned.EndsWith('k') || cleaned.EndsWith('K'))
        {
            (cleaned, multiplier) = (cleaned[..^1], 1000m);
        }

        if (decimal.TryParse(cleaned, NumberStyles.Number, CultureInfo.InvariantCulture, out var d))
        {
            return d * multiplier;
        }

        errors.Add(field, $"'{(v.Length > 30 ? v[..30] : v)}' is not a price.");
        return null;
    }
}
