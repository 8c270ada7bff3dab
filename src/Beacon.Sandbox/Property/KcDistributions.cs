using System.Globalization;

namespace Beacon.Sandbox.Property;

/// <summary>
/// Year-built and lot-size quantiles of 21,613 King County sales by living-area band (Data/kc_distributions.csv,
/// made by Data/derive_kc_distributions.py). Sacramento's file lacks both fields, so a similar-sized King County
/// house stands in: plausible, not true for the address.
/// </summary>
internal sealed class KcDistributions
{
    private readonly List<(int Min, int Max, string Field, int[] Quantiles)> _rows = [];

    public KcDistributions()
    {
        using var stream = typeof(KcDistributions).Assembly.GetManifestResourceStream("Beacon.Sandbox.KcDistributions.csv")
            ?? throw new InvalidOperationException("The embedded King County distributions are missing.");
        using var reader = new StreamReader(stream);
        foreach (var line in reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1))
        {
            var f = line.Trim().Split(',');
            _rows.Add((int.Parse(f[0], CultureInfo.InvariantCulture), int.Parse(f[1], CultureInfo.InvariantCulture), f[2],
                [.. f.Skip(3).Select(q => int.Parse(q, CultureInfo.InvariantCulture))]));
        }
    }

    /// <summary>
    /// Draws the quantile picked by <paramref name="unit"/> (uniform in [0, 1)) for the size band, among quantiles
    /// not above <paramref name="max"/> (a house sold in 2008 cannot have been built in 2013).
    /// </summary>
    public int Draw(string field, int livingSqft, double unit, int max = int.MaxValue)
    {
        var row = _rows.First(r => r.Field == field && livingSqft >= r.Min && livingSqft < r.Max);
        var allowed = row.Quantiles.Where(q => q <= max).ToArray();
        return allowed.Length == 0 ? max : allowed[Math.Min(allowed.Length - 1, (int)(unit * allowed.Length))];
    }
}
