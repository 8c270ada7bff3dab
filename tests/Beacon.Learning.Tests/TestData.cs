using Beacon.Learning.Data;

namespace Beacon.Learning.Tests;

/// <summary>Seeded synthetic datasets with numeric, missing and categorical values.</summary>
internal static class TestData
{
    /// <summary>
    /// x0, x1 numeric (x1 5% missing, and missing rows lean positive), c2 categorical with 6 levels (levels 1 and 4
    /// positive), x3 pure noise.
    /// </summary>
    public static Dataset Mixed(int rows, int seed, bool randomTarget = false)
    {
        var rng = new Random(seed);
        var schema = new FeatureSchema(
        [
            FeatureInfo.Numeric("x0"),
            FeatureInfo.Numeric("x1"),
            FeatureInfo.Categorical("c2", ["a", "b", "c", "d", "e", "f"]),
            FeatureInfo.Numeric("x3"),
        ]);
        var cols = new double[4][];
        for (var f = 0; f < 4; f++)
        {
            cols[f] = new double[rows];
        }

        var labels = new double[rows];
        for (var r = 0; r < rows; r++)
        {
            var x0 = (rng.NextDouble() * 4) - 2;
            var x1 = (rng.NextDouble() * 4) - 2;
            var missing = rng.NextDouble() < 0.05;
            var c = rng.Next(6);
            cols[0][r] = x0;
            cols[1][r] = missing ? double.NaN : x1;
            cols[2][r] = rng.NextDouble() < 0.03 ? double.NaN : c;
            cols[3][r] = rng.NextDouble();
            var z = (x0 * x0) - 1.2 + (missing ? 1.5 : Math.Sin(2 * x1)) + (c is 1 or 4 ? 1.0 : -0.5);
            labels[r] = randomTarget
                ? rng.Next(2)
                : rng.NextDouble() < 1 / (1 + Math.Exp(-2 * z)) ? 1 : 0;
        }

        return new Dataset(schema, cols, labels);
    }

    public static double[] Predict(IRawScorer model, Dataset data)
    {
        var p = new double[data.RowCount];
        var row = new double[data.FeatureCount];
        for (var i = 0; i < p.Length; i++)
        {
            data.CopyRow(i, row);
            p[i] = Boosting.Sigmoid.Of(model.PredictRaw(row));
        }

        return p;
    }
}
