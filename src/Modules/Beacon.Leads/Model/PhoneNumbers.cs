namespace Beacon.Leads.Model;

/// <summary>
/// Normalises phone numbers to E.164. Numbers without a country code are read as North American (the default
/// region); an extension ("x12", "ext. 12") is dropped because E.164 has none. Letters make a number invalid.
/// </summary>
internal static class PhoneNumbers
{
    public static bool TryNormalize(string? input, out string e164)
    {
        e164 = "";
        if (string.IsNullOrWhiteSpace(input) || input.Length > 40)
        {
            return false;
        }

        var text = StripExtension(input.Trim());
        var international = false;
        Span<char> digits = stackalloc char[40];
        var n = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is >= '0' and <= '9')
            {
                digits[n++] = c;
            }
            else if (c == '+' && n == 0 && !international)
            {
                international = true;
            }
            else if (c is not (' ' or '-' or '.' or '(' or ')' or '/'))
            {
                return false;
            }
        }

        var d = new string(digits[..n]);
        if (!international && d.StartsWith("011", StringComparison.Ordinal))
        {
            (international, d) = (true, d[3..]);
        }
        else if (!international && d.StartsWith("00", StringComparison.Ordinal))
        {
            (international, d) = (true, d[2..]);
        }

        if (!international)
        {
            if (d.Length == 11 && d[0] == '1')
            {
                d = d[1..];
            }

            if (d.Length != 10)
            {
                return false;
            }

            d = "1" + d;
        }

        if (d.Length is < 8 or > 15 || d[0] == '0')
        {
            return false;
        }

        if (d[0] == '1' && !IsNorthAmerican(d))
        {
            return false;
        }

        e164 = "+" + d;
        return true;
    }

    // NANP: +1 NXX NXX XXXX, where N is 2–9 (area code and exchange cannot start with 0 or 1).
    private static bool IsNorthAmerican(string d) => d.Length == 11 && d[1] >= '2' && d[4] >= '2';

    private static string StripExtension(string text)
    {
        var lower = text.ToLowerInvariant();
        foreach (var marker in (string[])["ext.", "ext", "x", "#"])
        {
            var at = lower.IndexOf(marker, StringComparison.Ordinal);
            if (at > 0 && lower[(at + marker.Length)..].Trim().All(char.IsAsciiDigit))
            {
                return text[..at];
            }
        }

        return text;
    }
}
