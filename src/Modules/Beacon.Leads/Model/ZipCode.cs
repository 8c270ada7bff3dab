using Beacon.Leads.Capture;

namespace Beacon.Leads.Model;

internal static class ZipCode
{
    /// <summary>Five digits, optionally followed by "-" and four more (ZIP+4).</summary>
    public static bool IsValid(string zip) =>
        (zip.Length == 5 && zip.All(char.IsAsciiDigit))
        || (zip.Length == 10 && zip[5] == '-' && zip[..5].All(char.IsAsciiDigit) && zip[6..].All(char.IsAsciiDigit));

    public static string? Normalize(string? zip, string field, Errors e)
    {
        if (zip is null)
        {
            return null;
        }

        // Spreadsheets drop leading zeros: "2134" was "02134".
        var z = zip.Length == 4 && zip.All(char.IsAsciiDigit) ? "0" + zip : zip;
        if (IsValid(z))
        {
            return z;
        }

        e.Add(field, "Not a US ZIP code.");
        return null;
    }
}
