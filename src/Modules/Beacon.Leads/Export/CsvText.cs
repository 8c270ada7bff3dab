using CsvHelper;

namespace Beacon.Leads.Export;

/// <summary>
/// CSV for a spreadsheet, written by CsvHelper (RFC 4180 quoting, UTF-8, records ending in LF as our exports always
/// did; spreadsheets read either ending, and scripts that split on LF keep working). Formula-looking text (<c>= + - @</c>,
/// tab, CR at the start) is neutralised with a leading apostrophe (OWASP "CSV injection") by our rule rather than
/// CsvHelper's <see cref="CsvInjection"/>: ours spares plain numbers such as an E.164 phone (<c>+19165550142</c>),
/// which every lead export holds as text and CsvHelper would prefix.
/// </summary>
internal static class CsvText
{
    private static readonly System.Buffers.SearchValues<char> Digits = System.Buffers.SearchValues.Create("0123456789.");

    private static readonly CsvWriterOptions Options = CsvWriterOptions.Default with
    {
        Injection = CsvInjection.None,
        ValidateFieldCount = false,
        NewLine = "\n",
    };

    /// <summary>A writer onto a response body (left open); write rows with <see cref="WriteRowAsync"/>, then dispose it asynchronously.</summary>
    public static CsvWriter Create(Stream stream) => CsvWriter.Create(stream, Options, leaveOpen: true);

    /// <summary>One record; asynchronous because response bodies refuse synchronous writes.</summary>
    public static async ValueTask WriteRowAsync(this CsvWriter writer, IEnumerable<string?> cells, CancellationToken ct)
    {
        foreach (var cell in cells)
        {
            writer.WriteField(Neutralise(cell));
        }

        await writer.EndRecordAsync(ct);
    }

    public static string? Neutralise(string? value) =>
        !string.IsNullOrEmpty(value) && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' && !IsPlainNumber(value) ? "'" + value : value;

    private static bool IsPlainNumber(string v)
    {
        var s = v[0] is '+' or '-' ? v.AsSpan(1) : v.AsSpan();
        return s.Length > 0 && s.IndexOfAnyExcept(Digits) < 0 && s.Count('.') <= 1;
    }
}
