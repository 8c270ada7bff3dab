using Beacon.Learning.Calibration;
using Beacon.Learning.Data;

namespace Beacon.Learning;

/// <summary>
/// What the Scoring module keeps and runs: the feature schema (raw text → encoded row), a raw log-odds scorer with
/// exact contributions, and a calibrator fitted on held-out predictions.
/// </summary>
public sealed class ScoringModel(FeatureSchema schema, IRawScorer scorer, ICalibrator calibrator)
{
    public FeatureSchema Schema { get; } = schema;

    public IRawScorer Scorer { get; } = scorer;

    public ICalibrator Calibrator { get; } = calibrator;

    public double PredictRaw(ReadOnlySpan<double> row) => Scorer.PredictRaw(row);

    /// <summary>Calibrated P(y = 1).</summary>
    public double PredictProbability(ReadOnlySpan<double> row) => Calibrator.Calibrate(Scorer.PredictRaw(row));

    /// <summary>Probability, log-odds and named contributions, largest first (allocates; for screens and the assistant).</summary>
    public Explanation Explain(ReadOnlySpan<double> row) => Explanation.Of(this, row);

    /// <summary>Contributions to the raw log-odds (before calibration); returns the bias.</summary>
    public double Contributions(ReadOnlySpan<double> row, Span<double> contributions) =>
        Scorer.Contributions(row, contributions);
}
