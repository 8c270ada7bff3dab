using System.Collections.Frozen;
using System.Text;

namespace Beacon.Sandbox.Property;

/// <summary>
/// Reduces a typed address to a canonical form (USPS-style abbreviations, no punctuation, unit split off) so that
/// "3526 High Street, Apt. #2" and "3526 HIGH ST Unit 2" meet. Both the data set and the query go through it,
/// so the mapping only has to be consistent, not complete.
/// </summary>
internal static class AddressNormalizer
{
    private static readonly FrozenDictionary<string, string> Canonical = new Dictionary<string, string>
    {
        ["STREET"] = "ST",
        ["STR"] = "ST",
        ["AVENUE"] = "AVE",
        ["AV"] = "AVE",
        ["AVN"] = "AVE",
        ["DRIVE"] = "DR",
        ["DRV"] = "DR",
        ["COURT"] = "CT",
        ["CRT"] = "CT",
        ["CIRCLE"] = "CIR",
        ["CRCL"] = "CIR",
        ["LANE"] = "LN",
        ["ROAD"] = "RD",
        ["BOULEVARD"] = "BLVD",
        ["BLV"] = "BLVD",
        ["PLACE"] = "PL",
        ["PARKWAY"] = "PKWY",
        ["PKY"] = "PKWY",
        ["TRAIL"] = "TRL",
        ["TERRACE"] = "TER",
        ["HIGHWAY"] = "HWY",
        ["HILL"] = "HL",
        ["SQUARE"] = "SQ",
        ["TRACK"] = "TRAK",
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
        ["SAINT"] = "ST",
        ["MOUNT"] = "MT",
        ["FORT"] = "FT",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenSet<string> Suffixes = FrozenSet.ToFrozenSet(
        ["ST", "AVE", "DR", "CT", "CIR", "LN", "RD", "BLVD", "PL", "PKWY", "TRL", "TER", "HWY", "HL", "SQ", "WAY",
         "LOOP", "WALK", "TRAK"], StringComparer.Ordinal);

    private static readonly FrozenSet<string> UnitMarkers = FrozenSet.ToFrozenSet(
        ["#", "APT", "APARTMENT", "UNIT", "STE", "SUITE"], StringComparer.Ordinal);

    private static readonly FrozenSet<string> StateTokens = FrozenSet.ToFrozenSet(["CA", "CALIFORNIA"], StringComparer.Ordinal);

    /// <summary>
    /// Parses ATTOM's two-line form; when line 2 is empty and line 1 holds commas, line 1 is taken as a one-line
    /// address ("3526 High St, Sacramento, CA 95838").
    /// </summary>
    public static ParsedAddress Parse(string line1, string? line2)
    {
        if (string.IsNullOrWhiteSpace(line2) && line1.Contains(',', StringComparison.Ordinal))
        {
            var comma = line1.IndexOf(',', StringComparison.Ordinal);
            (line1, line2) = (line1[..comma], line1[(comma + 1)..]);
        }

        var street = Tokenize(line1);
        string? zip = null;
        // A zip typed at the end of line 1 without commas ("51 Omaha Ct 95823").
        if (street.Count > 2 && IsZip(street[^1]))
        {
            zip = street[^1][..5];
            street.RemoveAt(street.Count - 1);
        }

        string? unit = null;
        var marker = street.FindIndex(1, UnitMarkers.Contains);
        if (marker > 0)
        {
            unit = string.Concat(street.Skip(marker + 1).Where(t => !UnitMarkers.Contains(t)));
            street.RemoveRange(marker, street.Count - marker);
            unit = unit.Length == 0 ? null : unit;
        }

        var locality = Tokenize(line2 ?? "");
        var zipToken = locality.FindLast(IsZip);
        zip = zipToken?[..5] ?? zip;
        locality.RemoveAll(t => t.All(char.IsAsciiDigit) || StateTokens.Contains(t));
        // Any other trailing two-letter state code ("Sacramento NV") is not part of the city.
        if (locality.Count > 1 && locality[^1].Length == 2 && locality[^1].All(char.IsAsciiLetter))
        {
            locality.RemoveAt(locality.Count - 1);
        }

        var city = locality.Count == 0 ? null : string.Join(' ', locality);

        var withoutSuffix = street.Count > 2 && Suffixes.Contains(street[^1]) ? street.GetRange(0, street.Count - 1) : street;
        return new ParsedAddress(string.Join(' ', street), string.Join(' ', withoutSuffix), unit, zip, city);
    }

    private static bool IsZip(string token) =>
        (token.Length == 5 || token.Length == 9) && token.All(char.IsAsciiDigit);

    private static List<string> Tokenize(string text)
    {
        var builder = new StringBuilder(text.Length + 4);
        foreach (var c in text.ToUpperInvariant())
        {
            builder.Append(c switch
            {
                '#' => " # ",
                _ when char.IsAsciiLetterOrDigit(c) => c.ToString(),
                '\'' => "",
                _ => " ",
            });
        }

        return builder.ToString()
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(t => Canonical.GetValueOrDefault(t, t))
            .ToList();
    }
}

/// <summary>Street is "NUMBER NAME SUFFIX" in canonical tokens; Unit, Zip (5 digits) and City are optional.</summary>
internal sealed record ParsedAddress(string Street, string StreetWithoutSuffix, string? Unit, string? Zip, string? City);
