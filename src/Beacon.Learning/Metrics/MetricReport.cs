namespace Beacon.Learning.Metrics;

/// <summary>The standard set of figures for one evaluation.</summary>
public sealed record MetricReport(double RocAuc, double PrAuc, double LogLoss, double Brier, double Ece, int Count, double BaseRate)
{
    public static MetricReport Compute(ReadOnlySpan<double> labels, ReadOnlySpan<double> probabilities)
    {
        double pos = 0;
        foreach (var y in labels)
        {
            pos += y;
        }

        return new MetricReport(
            ClassificationMetrics.RocAuc(labels, probabilities),
            ClassificationMetrics.AveragePrecision(labels, probabilities),
            ClassificationMetrics.LogLoss(labels, probabilities),
            ClassificationMetrics.Brier(labels, probabilities),
            ClassificationMetrics.ExpectedCalibrationError(labels, probabilities, 10),
            labels.Length,
            labels.Length == 0 ? double.NaN : pos / labels.Length);
    }
}
