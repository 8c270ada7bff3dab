namespace Beacon.Leads.Export;

/// <summary>
/// One CSV cell for a spreadsheet: formula-looking text (<c>= + - @</c>, tab, CR at the start) is neutralised with
/// a leading apostrophe (OWASP "CSV injection"), except plain numbers such as an E.164 phone; then RFC 4180 quoting.
/// </summary>
internal static class CsvText
{
    private static readonly System.Buffers.SearchValues<char> Digits = System.Buffers.SearchValues.Create("0123456789.");

    public static string Cell(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' && !IsPlainNumber(value))
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    public static string Row(IEnumerable<string?> cells) => string.Join(',', cells.Select(Cell));

    private static bool IsPlainNumber(string v)
    {
        var s = v[0] is '+' or '-' ? v.AsSpan(1) : v.AsSpan();
        return s.Length > 0 && s.IndexOfAnyExcept(Digits) < 0 && s.Count('.') <= 1;
    }
}
