using System.Text.Json;
using Beacon.Leads.Capture;

namespace Beacon.Leads.BulkImport;

/// <summary>
/// Which lead field each CSV column feeds: detected from the header (common spellings of each field, ignoring case,
/// spaces and punctuation), overridable per header (<c>{"Cell #": "phone", "Notes": "ignore"}</c>). Columns nobody
/// recognises go to custom fields under their header.
/// </summary>
internal sealed class ColumnMapping
{
    public static readonly Dictionary<string, string[]> Synonyms = new(StringComparer.Ordinal)
    {
        ["firstName"] = ["firstname", "first", "givenname", "fname"],
        ["lastName"] = ["lastname", "last", "surname", "familyname", "lname"],
        ["fullName"] = ["name", "fullname", "contactname", "leadname"],
        ["email"] = ["email", "emailaddress", "mail", "email1", "primaryemail", "email2", "secondaryemail"],
        ["phone"] = ["phone", "phonenumber", "mobile", "mobilephone", "cell", "cellphone", "telephone", "tel", "homephone", "workphone", "phone1", "phone2"],
        ["source"] = ["source", "leadsource"],
        ["sourceDetail"] = ["sourcedetail", "campaign", "sourcedetails"],
        ["type"] = ["type", "leadtype"],
        ["stage"] = ["stage", "status", "leadstage"],
        ["priceMin"] = ["pricemin", "minprice", "budgetmin", "minbudget"],
        ["priceMax"] = ["pricemax", "maxprice", "budgetmax", "maxbudget", "budget", "price"],
        ["zipCodes"] = ["zip", "zipcode", "zipcodes", "postalcode", "postcode", "areazip"],
        ["areas"] = ["area", "areas", "neighborhood", "neighbourhood"],
        ["timeline"] = ["timeline", "timeframe"],
        ["financing"] = ["financing", "financingstatus", "preapproved"],
        ["propertyAddress.street"] = ["street", "address", "propertyaddress", "streetaddress", "propertystreet", "address1"],
        ["propertyAddress.city"] = ["city", "propertycity"],
        ["propertyAddress.state"] = ["state", "propertystate"],
        ["propertyAddress.zip"] = ["propertyzip", "propertyzipcode"],
        ["externalId"] = ["externalid", "leadid", "id", "crmid"],
        ["tags"] = ["tags", "tag", "labels"],
        ["message"] = ["message", "notes", "note", "comments", "comment"],
        ["timeZone"] = ["timezone", "tz"],
    };

    private ColumnMapping(string[] header, string?[] fields)
    {
        Header = header;
        Fields = fields;
    }

    public string[] Header { get; }

    /// <summary>Per column: a field name, <c>custom:&lt;header&gt;</c>, or null (ignored).</summary>
    public string?[] Fields { get; }

    public static ColumnMapping Create(IReadOnlyList<string> header, IReadOnlyDictionary<string, string>? overrides, Errors errors)
    {
        var fields = new string?[header.Count];
        var custom = 0;
        for (var i = 0; i < header.Count; i++)
        {
            var name = header[i].Trim().TrimStart('\uFEFF');
            if (overrides is not null && overrides.TryGetValue(name, out var chosen))
            {
                if (chosen == "ignore")
                {
                    continue;
                }

                if (!Synonyms.ContainsKey(chosen) && !chosen.StartsWith("custom:", StringComparison.Ordinal))
                {
                    errors.Add($"mapping.{name}", $"Unknown field '{chosen}'; use a lead field, custom:<name> or ignore.");
                }

                fields[i] = chosen;
                continue;
            }

            var key = new string(name.Where(char.IsLetterOrDigit).ToArray()).ToLowerInvariant();
            fields[i] = Synonyms.FirstOrDefault(s => s.Value.Contains(key)).Key
                ?? (name.Length is > 0 and <= 100 && custom++ < LeadValidator.MaxList ? $"custom:{name}" : null);
        }

        if (!fields.Any(f => f is "email" or "phone" or "externalId"))
        {
            errors.Add("mapping", "No column maps to email, phone or externalId, so no row could become a lead.");
        }

        return new ColumnMapping([.. header], fields);
    }

    public IReadOnlyDictionary<string, string?> Describe() =>
        Header.Select((h, i) => (h, Fields[i])).GroupBy(x => x.h).ToDictionary(g => g.Key, g => g.First().Item2);

    public static IReadOnlyDictionary<string, string>? ParseOverrides(string? json, Errors errors)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, string>>(json);
        }
        catch (JsonException)
        {
            errors.Add("mapping", "A JSON object from CSV header to field name.");
            return null;
        }
    }
}
