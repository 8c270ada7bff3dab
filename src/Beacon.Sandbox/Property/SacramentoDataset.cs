using System.Globalization;

namespace Beacon.Sandbox.Property;

/// <summary>
/// The 985 real Sacramento-area sales (May 2008), embedded in the assembly and indexed by canonical street.
/// The file has CR line endings and no quoted fields. Four addresses appear twice; the later row wins.
/// </summary>
internal sealed class SacramentoDataset
{
    private readonly Dictionary<string, List<PropertyRecord>> _byStreet = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<PropertyRecord>> _byStreetWithoutSuffix = new(StringComparer.Ordinal);

    public SacramentoDataset()
    {
        var unique = new Dictionary<string, PropertyRecord>(StringComparer.Ordinal);
        foreach (var record in ReadRecords())
        {
            unique[record.Key] = record;
        }

        Records = [.. unique.Values];
        foreach (var record in Records)
        {
            Add(_byStreet, record.Address.Street, record);
            Add(_byStreetWithoutSuffix, record.Address.StreetWithoutSuffix, record);
        }
    }

    public IReadOnlyList<PropertyRecord> Records { get; }

    public IReadOnlyList<PropertyRecord> CandidatesFor(ParsedAddress query) =>
        _byStreet.TryGetValue(query.Street, out var exact) ? exact
        : _byStreetWithoutSuffix.TryGetValue(query.StreetWithoutSuffix, out var loose) ? loose
        : [];

    private static void Add(Dictionary<string, List<PropertyRecord>> index, string key, PropertyRecord record)
    {
        if (!index.TryGetValue(key, out var list))
        {
            index[key] = list = [];
        }

        list.Add(record);
    }

    private static IEnumerable<PropertyRecord> ReadRecords()
    {
        using var stream = typeof(SacramentoDataset).Assembly.GetManifestResourceStream("Beacon.Sandbox.Sacramento.csv")
            ?? throw new InvalidOperationException("The embedded Sacramento data set is missing.");
        using var reader = new StreamReader(stream);
        var lines = reader.ReadToEnd().Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries);
        foreach (var line in lines.Skip(1))
        {
            var f = line.Split(',');
            yield return new PropertyRecord(
                StreetLine: f[0],
                Address: AddressNormalizer.Parse(f[0], $"{f[1]}, {f[3]} {f[2]}"),
                City: f[1],
                Zip: f[2],
                State: f[3],
                Beds: NullIfZero(int.Parse(f[4], CultureInfo.InvariantCulture)),
                Baths: NullIfZero(int.Parse(f[5], CultureInfo.InvariantCulture)),
                LivingSqft: NullIfZero(int.Parse(f[6], CultureInfo.InvariantCulture)),
                Type: f[7],
                SaleDate: ParseSaleDate(f[8]),
                SalePrice: long.Parse(f[9], CultureInfo.InvariantCulture),
                Latitude: double.Parse(f[10], CultureInfo.InvariantCulture),
                Longitude: double.Parse(f[11], CultureInfo.InvariantCulture));
        }
    }

    private static int? NullIfZero(int value) => value == 0 ? null : value;

    /// <summary>"Wed May 21 00:00:00 EDT 2008": only month, day and year matter (all sales are May 2008).</summary>
    private static DateOnly ParseSaleDate(string text)
    {
        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return DateOnly.ParseExact($"{parts[1]} {parts[2]} {parts[^1]}", "MMM d yyyy", CultureInfo.InvariantCulture);
    }
}
