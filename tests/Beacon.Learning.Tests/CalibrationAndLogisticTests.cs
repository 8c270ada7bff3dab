using Beacon.Learning.Calibration;
using Beacon.Learning.Linear;
using Beacon.Learning.Metrics;

namespace Beacon.Learning.Tests;

public sealed class CalibrationAndLogisticTests
{
    // Raw scores that are twice too confident: the true log-odds are raw / 2 − 0.5.
    private static (double[] Raw, double[] Y) Overconfident(int n, int seed)
    {
        var rng = new Random(seed);
        var raw = new double[n];
        var y = new double[n];
        for (var i = 0; i < n; i++)
        {
            raw[i] = (rng.NextDouble() * 8) - 4;
            y[i] = rng.NextDouble() < 1 / (1 + Math.Exp(-((raw[i] / 2) - 0.5))) ? 1 : 0;
        }

        return (raw, y);
    }

    [Fact]
    public void Platt_scaling_recovers_the_true_slope_and_offset()
    {
        var (raw, y) = Overconfident(20000, 1);
        var platt = PlattCalibrator.Fit(raw, y);
        platt.A.ShouldBe(0.5, 0.05);
        platt.B.ShouldBe(-0.5, 0.05);
    }

    [Fact]
    public void Isotonic_calibration_is_monotone_and_removes_miscalibration()
    {
        var (raw, y) = Overconfident(20000, 2);
        var iso = IsotonicCalibrator.Fit(raw, y);
        iso.Y.Zip(iso.Y.Skip(1)).ShouldAllBe(p => p.First < p.Second);
        var (testRaw, testY) = Overconfident(20000, 3);
        var before = ClassificationMetrics.ExpectedCalibrationError(testY, testRaw.Select(Boosting.Sigmoid.Of).ToArray());
        var after = ClassificationMetrics.ExpectedCalibrationError(testY, testRaw.Select(iso.Calibrate).ToArray());
        before.ShouldBeGreaterThan(0.05);
        after.ShouldBeLessThan(0.02);
    }

    [Fact]
    public void Logistic_regression_learns_the_signal_and_its_terms_sum_to_the_log_odds()
    {
        var train = TestData.Mixed(3000, seed: 30);
        var model = LogisticTrainer.Train(train);
        var test = TestData.Mixed(2000, seed: 31);
        // Only the categorical and missing-value effects are linear; enough to beat chance clearly.
        ClassificationMetrics.RocAuc(test.Labels, TestData.Predict(model, test)).ShouldBeGreaterThan(0.65);
        var phi = new double[4];
        var row = test.GetRow(0);
        (model.Contributions(row, phi) + phi.Sum()).ShouldBe(model.PredictRaw(row), 1e-9);
    }
}
