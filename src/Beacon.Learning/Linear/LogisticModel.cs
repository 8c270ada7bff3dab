using Beacon.Learning.Boosting;
using Beacon.Learning.Data;

namespace Beacon.Learning.Linear;

/// <summary>
/// A fitted L2 logistic regression over encoded rows. Numeric features are median-imputed and standardised;
/// categorical features are one-hot with one weight per level, one for rare/unseen levels and one for missing.
/// </summary>
public sealed class LogisticModel : IRawScorer
{
    internal LogisticModel(FeatureKind[] kinds, double[] median, double[] mean, double[] scale, double[][] weights, double intercept)
    {
        Kinds = kinds;
        Median = median;
        Mean = mean;
        Scale = scale;
        Weights = weights;
        Intercept = intercept;
    }

    public int FeatureCount => Kinds.Length;

    public double Intercept { get; }

    internal FeatureKind[] Kinds { get; }

    internal double[] Median { get; }

    internal double[] Mean { get; }

    internal double[] Scale { get; }

    /// <summary>Numeric: one weight. Categorical: weights per code 0..k-1, then "other", then "missing".</summary>
    internal double[][] Weights { get; }

    public double PredictRaw(ReadOnlySpan<double> row)
    {
        var sum = Intercept;
        for (var f = 0; f < Kinds.Length; f++)
        {
            sum += Term(f, row[f]);
        }

        return sum;
    }

    public double PredictProbability(ReadOnlySpan<double> row) => Sigmoid.Of(PredictRaw(row));

    /// <summary>Per-feature terms of the log-odds; returns the intercept, so intercept + Σ terms = raw output.</summary>
    public double Contributions(ReadOnlySpan<double> row, Span<double> contributions)
    {
        for (var f = 0; f < Kinds.Length; f++)
        {
            contributions[f] = Term(f, row[f]);
        }

        return Intercept;
    }

    internal double Term(int f, double x)
    {
        var w = Weights[f];
        if (Kinds[f] == FeatureKind.Numeric)
        {
            var v = double.IsNaN(x) ? Median[f] : x;
            return w[0] * (v - Mean[f]) / Scale[f];
        }

        return w[Slot(w.Length, x)];
    }

    internal static int Slot(int slots, double x)
    {
        if (double.IsNaN(x))
        {
            return slots - 1;
        }

        var levels = slots - 2;
        return x >= 0 && x < levels ? (int)x : levels;
    }
}
