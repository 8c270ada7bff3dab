using Beacon.Learning.Data;

namespace Beacon.Bench.Learning;

/// <summary>Seeded synthetic tabular data: numeric features with missing values, a few categoricals, a non-linear target.</summary>
internal static class SyntheticData
{
    public static Dataset Create(int rows, int features, int seed, int categorical = 5)
    {
        var rng = new Random(seed);
        var infos = new List<FeatureInfo>();
        for (var f = 0; f < features; f++)
        {
            infos.Add(f < categorical
                ? FeatureInfo.Categorical($"c{f}", [.. Enumerable.Range(0, 12).Select(i => $"level{i}")])
                : FeatureInfo.Numeric($"x{f}"));
        }

        var cols = new double[features][];
        for (var f = 0; f < features; f++)
        {
            cols[f] = new double[rows];
            for (var r = 0; r < rows; r++)
            {
                cols[f][r] = rng.NextDouble() < 0.05 ? double.NaN
                    : f < categorical ? rng.Next(12) : (rng.NextDouble() * 4) - 2;
            }
        }

        var labels = new double[rows];
        for (var r = 0; r < rows; r++)
        {
            double z = 0;
            for (var f = categorical; f < features; f++)
            {
                var x = double.IsNaN(cols[f][r]) ? 0 : cols[f][r];
                z += (f % 3 == 0 ? Math.Sin(x) : f % 3 == 1 ? x * 0.3 : x * x * 0.1) * 0.5;
            }

            for (var f = 0; f < categorical; f++)
            {
                z += double.IsNaN(cols[f][r]) ? 0.3 : ((int)cols[f][r] % 4) * 0.2;
            }

            labels[r] = rng.NextDouble() < 1 / (1 + Math.Exp(-(z - 1))) ? 1 : 0;
        }

        return new Dataset(new FeatureSchema(infos), cols, labels);
    }
}
