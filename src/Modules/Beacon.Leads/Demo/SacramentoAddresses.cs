using System.Globalization;

namespace Beacon.Leads.Demo;

/// <summary>A real Sacramento-area sale (street address, city, ZIP, 2008 price) that property enrichment can find.</summary>
internal sealed record SacramentoAddress(string Street, string City, string State, string Zip, int Beds, decimal Price);

/// <summary>
/// The 985 Sacramento sales shipped with the sandbox (embedded from <c>src/Beacon.Sandbox/Data</c>; the file has
/// CR line endings and no quoted fields). Rows without a street or with a zero price are skipped.
/// </summary>
internal static class SacramentoAddresses
{
    private static readonly Lazy<IReadOnlyList<SacramentoAddress>> All = new(Load);

    public static IReadOnlyList<SacramentoAddress> List => All.Value;

    private static List<SacramentoAddress> Load()
    {
        using var stream = typeof(SacramentoAddresses).Assembly.GetManifestResourceStream("Beacon.Leads.Sacramento.csv")
            ?? throw new InvalidOperationException("The Sacramento addresses are not embedded.");
        using var reader = new StreamReader(stream);
        var lines = reader.ReadToEnd().Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries);
        var result = new List<SacramentoAddress>();
        foreach (var line in lines.Skip(1))
        {
            var f = line.Split(',');
            if (f.Length < 10 || string.IsNullOrWhiteSpace(f[0])
                || !decimal.TryParse(f[9], NumberStyles.Number, CultureInfo.InvariantCulture, out var price) || price <= 0)
            {
                continue;
            }

            result.Add(new SacramentoAddress(Title(f[0]), Title(f[1]), f[3].Trim(), f[2].Trim(),
                int.TryParse(f[4], CultureInfo.InvariantCulture, out var beds) ? beds : 0, price));
        }

        return result;
    }

    // "3526 HIGH ST" → "3526 High St": how a person types it into a form.
    private static string Title(string s) => CultureInfo.InvariantCulture.TextInfo.ToTitleCase(s.Trim().ToLowerInvariant());
}
