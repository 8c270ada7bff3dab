using System.Globalization;
using System.Text.Json;
using Beacon.Leads.Model;

namespace Beacon.Leads.Capture;

/// <summary>
/// Validates and normalises a capture at the edge: every problem is reported against the field that caused it
/// (camelCase, as sent), and nothing reaches the database unless the whole request is valid.
/// </summary>
internal static class LeadValidator
{
    public const int MaxText = 200;
    public const int MaxMessage = 10_000;
    public const int MaxList = 50;
    public const int MaxCustomFieldsBytes = 16_384;

    public static LeadDraft? Validate(CaptureRequest r, DateTimeOffset now, out Dictionary<string, string[]> errors)
    {
        var e = new Errors();
        var emails = new List<string>();
        foreach (var (raw, field) in Listed(r.Email, r.Emails, "email", "emails"))
        {
            if (EmailAddresses.TryNormalize(raw, out var email))
            {
                AddOnce(emails, email);
            }
            else
            {
                e.Add(field, "Not a valid e-mail address.");
            }
        }

        var phones = new List<string>();
        foreach (var (raw, field) in Listed(r.Phone, r.Phones, "phone", "phones"))
        {
            if (PhoneNumbers.TryNormalize(raw, out var phone))
            {
                AddOnce(phones, phone);
            }
            else
            {
                e.Add(field, "Not a valid phone number (E.164, or a 10-digit North American number).");
            }
        }

        var externalId = Text(r.ExternalId, "externalId", e);
        if (emails.Count == 0 && phones.Count == 0 && externalId is null && !e.Any)
        {
            e.Add("email", "A lead needs an e-mail address, a phone number or an externalId.");
        }

        var type = OneOf(r.Type, "type", LeadVocabulary.Types, e) ?? "buyer";
        var stage = OneOf(r.Stage, "stage", LeadVocabulary.Stages, e) ?? "new";
        var timeline = OneOf(r.Timeline, "timeline", LeadVocabulary.Timelines, e);
        var financing = OneOf(r.Financing, "financing", LeadVocabulary.Financing, e);
        Price(r.PriceMin, "priceMin", e);
        Price(r.PriceMax, "priceMax", e);
        if (r.PriceMin > r.PriceMax)
        {
            e.Add("priceMin", "priceMin is above priceMax.");
        }

        var zips = List(r.ZipCodes, "zipCodes", e, z => ZipCode.IsValid(z) ? null : "Not a US ZIP code.");
        var address = r.PropertyAddress is { } a
            ? new AddressInput(Text(a.Street, "propertyAddress.street", e), Text(a.City, "propertyAddress.city", e),
                State(a.State, e), ZipCode.Normalize(Text(a.Zip, "propertyAddress.zip", e), "propertyAddress.zip", e))
            : null;
        var (timeZone, tzSource) = TimeZones.Determine(r.TimeZone, address?.Zip ?? zips.FirstOrDefault(), e);
        var draft = new LeadDraft
        {
            FirstName = Text(r.FirstName, "firstName", e),
            LastName = Text(r.LastName, "lastName", e),
            Emails = emails,
            Phones = phones,
            Source = (Text(r.Source, "source", e) ?? "api").ToLowerInvariant(),
            SourceDetail = Text(r.SourceDetail, "sourceDetail", e),
            Type = type,
            Stage = stage,
            PriceMin = r.PriceMin,
            PriceMax = r.PriceMax,
            ZipCodes = zips,
            Areas = List(r.Areas, "areas", e, _ => null),
            Timeline = timeline,
            Financing = financing,
            Property = address is { Street: null, City: null, State: null, Zip: null } ? null : address,
            ExternalId = externalId,
            Tags = List(r.Tags, "tags", e, _ => null).Select(t => t.ToLowerInvariant()).Distinct().ToList(),
            CustomFields = CustomFields(r.CustomFields, e),
            Consents = Consents.Normalize(r.Consents, now, e),
            AssignedAgentId = r.AssignedAgentId,
            TimeZone = timeZone,
            TimeZoneSource = tzSource,
            Message = r.Message is { Length: > MaxMessage } ? e.Fail<string>("message", $"At most {MaxMessage} characters.") : r.Message?.Trim(),
        };
        errors = e.ToDictionary();
        return e.Any ? null : draft;
    }

    private static IEnumerable<(string? Raw, string Field)> Listed(string? one, IReadOnlyList<string>? many, string oneName, string manyName)
    {
        if (one is not null)
        {
            yield return (one, oneName);
        }

        for (var i = 0; i < (many?.Count ?? 0); i++)
        {
            yield return (many![i], $"{manyName}[{i.ToString(CultureInfo.InvariantCulture)}]");
        }
    }

    private static void AddOnce(List<string> list, string value)
    {
        if (!list.Contains(value))
        {
            list.Add(value);
        }
    }

    internal static string? Text(string? value, string field, Errors e, int max = MaxText)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var trimmed = value.Trim();
        if (trimmed.Length > max)
        {
            e.Add(field, $"At most {max} characters.");
            return null;
        }

        if (trimmed.Any(c => char.IsControl(c)))
        {
            e.Add(field, "Control characters are not allowed.");
            return null;
        }

        return trimmed;
    }

    private static string? OneOf(string? value, string field, string[] allowed, Errors e)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var v = value.Trim().ToLowerInvariant().Replace('-', '_').Replace(' ', '_');
        if (allowed.Contains(v))
        {
            return v;
        }

        e.Add(field, $"Unknown value '{(value.Length > 40 ? value[..40] : value)}'; use one of: {string.Join(", ", allowed)}.");
        return null;
    }

    private static void Price(decimal? price, string field, Errors e)
    {
        if (price is < 0 or > 1_000_000_000m)
        {
            e.Add(field, "A price between 0 and 1,000,000,000.");
        }
    }

    private static string? State(string? state, Errors e)
    {
        var s = Text(state, "propertyAddress.state", e);
        if (s is not null && (s.Length != 2 || !s.All(char.IsAsciiLetter)))
        {
            e.Add("propertyAddress.state", "A two-letter state code.");
            return null;
        }

        return s?.ToUpperInvariant();
    }

    private static List<string> List(IReadOnlyList<string>? values, string field, Errors e, Func<string, string?> check)
    {
        var result = new List<string>();
        if (values is null)
        {
            return result;
        }

        if (values.Count > MaxList)
        {
            e.Add(field, $"At most {MaxList} entries.");
            return result;
        }

        for (var i = 0; i < values.Count; i++)
        {
            var name = $"{field}[{i.ToString(CultureInfo.InvariantCulture)}]";
            if (Text(values[i], name, e, 100) is { } v)
            {
                if (check(v) is { } problem)
                {
                    e.Add(name, problem);
                }
                else if (!result.Contains(v))
                {
                    result.Add(v);
                }
            }
        }

        return result;
    }

    private static string CustomFields(Dictionary<string, JsonElement>? fields, Errors e)
    {
        if (fields is null || fields.Count == 0)
        {
            return "{}";
        }

        var json = JsonSerializer.Serialize(fields);
        if (fields.Count > MaxList || json.Length > MaxCustomFieldsBytes || fields.Keys.Any(k => k.Length is 0 or > 100))
        {
            e.Add("customFields", $"At most {MaxList} fields, keys of 1–100 characters, {MaxCustomFieldsBytes} bytes in all.");
            return "{}";
        }

        return json;
    }
}
