using System.Text;
using CsvHelper;

namespace Beacon.Learning.Data;

/// <summary>A CSV file held as text columns; typing and encoding happen later (see <see cref="TableEncoder"/>).</summary>
public sealed class CsvTable
{
    private readonly Dictionary<string, int> _index;

    public CsvTable(IReadOnlyList<string> headers, IReadOnlyList<string[]> columns)
    {
        Headers = headers;
        Columns = columns;
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < headers.Count; i++)
        {
            _index.TryAdd(headers[i], i);
        }
    }

    public IReadOnlyList<string> Headers { get; }

    public IReadOnlyList<string[]> Columns { get; }

    public int RowCount => Columns.Count == 0 ? 0 : Columns[0].Length;

    public bool HasColumn(string name) => _index.ContainsKey(name);

    public string[] Column(string name) => _index.TryGetValue(name, out var i)
        ? Columns[i]
        : throw new ArgumentException($"Column '{name}' is not in the file. Columns: {string.Join(", ", Headers)}");

    /// <summary>Reads a UTF-8 CSV with a header row; any other encoding is refused rather than read as mojibake.</summary>
    public static CsvTable Read(string path, CancellationToken cancellationToken = default)
    {
        RequireUtf8(path);
        using var reader = CsvReader.FromFile(path, null);
        var headers = reader.Headers.Select(h => h.Trim()).ToArray();
        var cols = new List<string>[headers.Length];
        for (var i = 0; i < cols.Length; i++)
        {
            cols[i] = [];
        }

        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (var i = 0; i < cols.Length; i++)
            {
                cols[i].Add(i < reader.FieldCount ? reader.GetString(i) : string.Empty);
            }
        }

        return new CsvTable(headers, cols.Select(c => c.ToArray()).ToArray());
    }

    // The reader decodes invalid bytes as U+FFFD without a word: a Latin-1 "Sé" would become a new category.
    private static void RequireUtf8(string path)
    {
        var bytes = File.ReadAllBytes(path);
        try
        {
            _ = new UTF8Encoding(false, throwOnInvalidBytes: true).GetCharCount(bytes);
        }
        catch (DecoderFallbackException e)
        {
            var at = Math.Max(0, e.Index);
            var line = 1 + bytes.AsSpan(0, Math.Min(at, bytes.Length)).Count((byte)'\n');
            var bad = e.BytesUnknown is { Length: > 0 } b ? $" (byte 0x{b[0]:X2})" : "";
            throw new InvalidDataException(
                $"{Path.GetFileName(path)} is not UTF-8: invalid bytes on line {line}{bad}; save it as UTF-8 (e.g. iconv -f latin1 -t utf-8).");
        }
    }
}
