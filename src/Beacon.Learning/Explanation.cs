namespace Beacon.Learning;

/// <summary>One feature's share of a score, in log-odds.</summary>
public sealed record FeatureContribution(string Feature, double Value);

/// <summary>
/// A score with its reasons: the calibrated probability, the raw log-odds, the bias (the model's average log-odds)
/// and every feature's contribution, largest magnitude first. Bias + Σ contributions = raw log-odds.
/// </summary>
public sealed record Explanation(double Probability, double RawScore, double Bias, IReadOnlyList<FeatureContribution> Contributions)
{
    /// <summary>Scores and explains one encoded row (allocates: for the hot path use <see cref="ScoringModel.Contributions"/>).</summary>
    public static Explanation Of(ScoringModel model, ReadOnlySpan<double> row)
    {
        var phi = new double[model.Schema.Count];
        var bias = model.Contributions(row, phi);
        var raw = model.PredictRaw(row);
        var items = phi
            .Select((v, i) => new FeatureContribution(model.Schema.Features[i].Name, v))
            .OrderByDescending(c => Math.Abs(c.Value))
            .ThenBy(c => c.Feature, StringComparer.Ordinal)
            .ToList();
        return new Explanation(model.Calibrator.Calibrate(raw), raw, bias, items);
    }
}
