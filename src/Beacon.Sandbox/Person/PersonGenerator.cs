using Beacon.Sandbox.Infrastructure;

namespace Beacon.Sandbox.Person;

/// <summary>
/// Builds a synthetic but stable person from the query key. When the e-mail's local part reads as
/// "first.last" (or first_last / first-last) that name is used, as a real enrichment would find it.
/// </summary>
internal static class PersonGenerator
{
    public static PdlMatch Generate(PersonQuery query)
    {
        var key = query.Key;
        var (first, sex) = Pick(PersonVocabulary.FirstNames, key, "first");
        var last = Pick(PersonVocabulary.LastNames, key, "last");
        if (NameFromEmail(query.Email) is { } fromEmail)
        {
            (first, last) = fromEmail;
            sex = PersonVocabulary.FirstNames.FirstOrDefault(n => n.Name == first).Sex ?? sex;
        }

        var title = Pick(PersonVocabulary.Titles, key, "title");
        var company = Pick(PersonVocabulary.Companies, key, "company");
        var (locality, region) = Pick(PersonVocabulary.Places, key, "place");
        var tag = StableHash.Hex(key, 6);
        var handle = $"{first}-{last}-{tag}";
        var social = StableHash.Unit(key, "social");

        var emails = new List<PdlEmail>();
        if (query.Email is not null)
        {
            emails.Add(new PdlEmail(query.Email, IsFreeMail(query.Email) ? "personal" : "professional"));
        }

        emails.Add(new PdlEmail($"{first}.{last}@{company.Website}", "professional"));
        var phone = query.Phone ?? $"+1916555{StableHash.Of(key, "phone") % 10_000:0000}";

        var person = new PdlPerson(
            Id: StableHash.Hex("person|" + key, 22),
            FullName: $"{first} {last}", FirstName: first, LastName: last, Sex: sex,
            BirthYear: 1955 + (int)(StableHash.Of(key, "born") % 45),
            JobTitle: title, JobCompanyName: company.Name, JobCompanyIndustry: company.Industry,
            JobCompanyWebsite: company.Website,
            LocationName: $"{locality}, {region}, united states", LocationLocality: locality, LocationRegion: region,
            LocationCountry: "united states",
            // About 90 % have LinkedIn, 55 % Twitter, 70 % Facebook; the draws nest so coverage stays consistent.
            LinkedinUrl: social < 0.90 ? $"linkedin.com/in/{handle}" : null,
            LinkedinUsername: social < 0.90 ? handle : null,
            TwitterUrl: social < 0.55 ? $"twitter.com/{first}{last}{tag[..4]}" : null,
            TwitterUsername: social < 0.55 ? $"{first}{last}{tag[..4]}" : null,
            FacebookUrl: social < 0.70 ? $"facebook.com/{first}.{last}.{tag}" : null,
            FacebookUsername: social < 0.70 ? $"{first}.{last}.{tag}" : null,
            Emails: emails,
            PhoneNumbers: [phone]);
        return new PdlMatch(200, Likelihood: 6 + (int)(StableHash.Of(key, "likelihood") % 5), person);
    }

    private static T Pick<T>(T[] items, string key, string salt) => items[StableHash.Of(key, salt) % (ulong)items.Length];

    private static (string First, string Last)? NameFromEmail(string? email)
    {
        var local = email?.Split('@')[0];
        var parts = local?.Split('.', '_', '-');
        return parts is { Length: 2 } && parts.All(p => p.Length >= 2 && p.All(char.IsAsciiLetterLower))
            ? (parts[0], parts[1])
            : null;
    }

    private static bool IsFreeMail(string email) =>
        email.EndsWith("@gmail.com", StringComparison.Ordinal) || email.EndsWith("@yahoo.com", StringComparison.Ordinal)
        || email.EndsWith("@outlook.com", StringComparison.Ordinal) || email.EndsWith("@hotmail.com", StringComparison.Ordinal)
        || email.EndsWith(".example", StringComparison.Ordinal);
}
