namespace Beacon.Learning;

/// <summary>A model that outputs raw log-odds for an encoded row and explains them additively.</summary>
public interface IRawScorer
{
    int FeatureCount { get; }

    double PredictRaw(ReadOnlySpan<double> row);

    /// <summary>Writes one contribution per feature and returns the bias; bias + Σ contributions = raw output.</summary>
    double Contributions(ReadOnlySpan<double> row, Span<double> contributions);
}
