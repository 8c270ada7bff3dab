using System.Text;

namespace Beacon.Enrichment.Normalisation;

/// <summary>
/// A street line in one canonical spelling, so that "3526 High Street", "3526 HIGH ST." and "3526 high st" share a
/// cache entry: upper case, punctuation dropped, USPS suffix and direction abbreviations, ordinals as digits, and a
/// unit written as <c>#N</c> whichever way it was typed.
/// </summary>
internal static class AddressNormalizer
{
    private static readonly Dictionary<string, string> Words = new(StringComparer.Ordinal)
    {
        ["STREET"] = "ST",
        ["STR"] = "ST",
        ["AVENUE"] = "AVE",
        ["AV"] = "AVE",
        ["DRIVE"] = "DR",
        ["COURT"] = "CT",
        ["CIRCLE"] = "CIR",
        ["LANE"] = "LN",
        ["ROAD"] = "RD",
        ["BOULEVARD"] = "BLVD",
        ["PLACE"] = "PL",
        ["PARKWAY"] = "PKWY",
        ["HIGHWAY"] = "HWY",
        ["TRAIL"] = "TRL",
        ["TERRACE"] = "TER",
        ["WAY"] = "WAY",
        ["NORTH"] = "N",
        ["SOUTH"] = "S",
        ["EAST"] = "E",
        ["WEST"] = "W",
        ["NORTHEAST"] = "NE",
        ["NORTHWEST"] = "NW",
        ["SOUTHEAST"] = "SE",
        ["SOUTHWEST"] = "SW",
        ["FIRST"] = "1ST",
        ["SECOND"] = "2ND",
        ["THIRD"] = "3RD",
        ["FOURTH"] = "4TH",
        ["FIFTH"] = "5TH",
        ["SIXTH"] = "6TH",
        ["SEVENTH"] = "7TH",
        ["EIGHTH"] = "8TH",
        ["NINTH"] = "9TH",
        ["TENTH"] = "10TH",
    };

    private static readonly HashSet<string> UnitWords = new(StringComparer.Ordinal) { "APT", "APARTMENT", "UNIT", "STE", "SUITE" };

    public static string Street(string street)
    {
        var tokens = Tokens(street);
        var result = new List<string>(tokens.Count);
        string? unit = null;
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token == "#" || UnitWords.Contains(token))
            {
                var rest = tokens.Skip(i + 1).Where(t => t != "#").ToList();
                unit = rest.Count > 0 ? string.Concat(rest) : null;
                break;
            }

            if (token.StartsWith('#'))
            {
                unit = token[1..];
                break;
            }

            result.Add(Words.GetValueOrDefault(token, token));
        }

        var line = string.Join(' ', result);
        return unit is null ? line : $"{line} #{unit}";
    }

    public static string? Zip(string? zip)
    {
        var digits = new string((zip ?? "").Where(char.IsAsciiDigit).ToArray());
        return digits.Length >= 5 ? digits[..5] : null;
    }

    public static string? City(string? city) => string.IsNullOrWhiteSpace(city) ? null : string.Join(' ', Tokens(city));

    private static List<string> Tokens(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text.ToUpperInvariant())
        {
            sb.Append(char.IsLetterOrDigit(c) || c == '#' ? c : ' ');
        }

        return [.. sb.ToString().Replace("#", " # ", StringComparison.Ordinal)
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)];
    }
}
