using Beacon.Learning.Metrics;

namespace Beacon.Learning.Tests;

public sealed class MetricsTests
{
    private static readonly double[] Y = [0, 0, 1, 1];
    private static readonly double[] S = [0.1, 0.4, 0.35, 0.8];

    [Fact]
    public void Roc_auc_matches_the_textbook_example() =>
        ClassificationMetrics.RocAuc(Y, S).ShouldBe(0.75, 1e-12);

    [Fact]
    public void Roc_auc_gives_tied_scores_half_credit()
    {
        ClassificationMetrics.RocAuc(Y, [0.5, 0.5, 0.5, 0.5]).ShouldBe(0.5, 1e-12);
        ClassificationMetrics.RocAuc([0, 1, 0, 1], [0.2, 0.6, 0.6, 0.9]).ShouldBe(0.875, 1e-12);
    }

    [Fact]
    public void Average_precision_matches_scikit_learn() =>
        ClassificationMetrics.AveragePrecision(Y, S).ShouldBe(0.8333333333, 1e-9);

    [Fact]
    public void Log_loss_and_brier_match_hand_computation()
    {
        double[] y = [1, 0];
        double[] p = [0.8, 0.4];
        ClassificationMetrics.LogLoss(y, p).ShouldBe(-(Math.Log(0.8) + Math.Log(0.6)) / 2, 1e-12);
        ClassificationMetrics.Brier(y, p).ShouldBe(((0.2 * 0.2) + (0.4 * 0.4)) / 2, 1e-12);
    }

    [Fact]
    public void Ece_weights_each_equal_width_bin_by_its_share_of_rows()
    {
        double[] y = [0, 1, 1, 1];
        double[] p = [0.05, 0.15, 0.95, 0.95];
        // Bins: [0,0.1) → |0 − 0.05|, [0.1,0.2) → |1 − 0.15|, [0.9,1] → |1 − 0.95| (two rows).
        var expected = (0.25 * 0.05) + (0.25 * 0.85) + (0.5 * 0.05);
        ClassificationMetrics.ExpectedCalibrationError(y, p).ShouldBe(expected, 1e-12);
        Reliability.Table(y, p).Count.ShouldBe(3);
    }
}
