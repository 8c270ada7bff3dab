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

    public static CsvTable Read(string path, CancellationToken cancellationToken = default)
    {
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
}
