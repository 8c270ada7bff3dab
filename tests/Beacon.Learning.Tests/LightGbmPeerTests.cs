using System.Runtime.InteropServices;
using Beacon.Learning.LightGbm;
using Beacon.Learning.Metrics;

namespace Beacon.Learning.Tests;

/// <summary>LightGBM (ML.NET) as a peer of Beacon's booster: the native library, the tree conversion, the contributions.</summary>
public sealed class LightGbmPeerTests
{
    private static readonly LightGbmOptions Small = new() { Iterations = 60, LearningRate = 0.1, MaxLeaves = 16, MaxDepth = 5 };

    [Fact]
    public void LightGbm_native_library_loads_on_linux_x64_and_its_model_beats_chance_on_held_out_rows()
    {
        if (RuntimeInformation.RuntimeIdentifier == "linux-x64")
        {
            File.Exists(Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "lib_lightgbm.so")).ShouldBeTrue();
        }

        var model = new LightGbmTrainer(Small).Train(TestData.Mixed(4000, seed: 21), TestData.Mixed(1000, seed: 22), seed: 42,
            TestContext.Current.CancellationToken);
        var test = TestData.Mixed(2000, seed: 23);
        model.TreeCount.ShouldBeGreaterThan(5);
        ClassificationMetrics.RocAuc(test.Labels, TestData.Predict(model, test)).ShouldBeGreaterThan(0.85);
    }

    [Fact]
    public void Converted_trees_score_every_row_as_MLNET_LightGbm_does_with_missing_values_and_unseen_categories()
    {
        var train = TestData.Mixed(4000, seed: 31);
        var fit = LightGbmFit.Train(train, null, Small, seed: 7, TestContext.Current.CancellationToken);
        var trees = fit.ToEnsemble(train);
        trees.TreeCount.ShouldBe(fit.TreeCount);
        var engine = fit.CreateEngine();
        var test = TestData.Mixed(1500, seed: 32);
        var row = new double[test.FeatureCount];
        for (var i = 0; i < test.RowCount; i++)
        {
            test.CopyRow(i, row);
            if (i % 10 == 0)
            {
                row[2] = 99; // a category the model never saw
            }

            trees.PredictRaw(row).ShouldBe(engine.Predict(fit.Row(row)).Score, 1e-4, $"row {i}");
        }
    }

    [Fact]
    public void Contributions_of_the_converted_trees_with_the_bias_sum_to_the_raw_score()
    {
        var model = new LightGbmTrainer(Small).Train(TestData.Mixed(3000, seed: 41), null, seed: 3, TestContext.Current.CancellationToken);
        var test = TestData.Mixed(500, seed: 42);
        var row = new double[test.FeatureCount];
        var phi = new double[test.FeatureCount];
        for (var i = 0; i < test.RowCount; i++)
        {
            test.CopyRow(i, row);
            var bias = model.Contributions(row, phi);
            (bias + phi.Sum()).ShouldBe(model.PredictRaw(row), 1e-6);
        }

        // x3 is pure noise, x0 drives the label: the explanation says so.
        var mean = new double[test.FeatureCount];
        for (var i = 0; i < test.RowCount; i++)
        {
            test.CopyRow(i, row);
            model.Contributions(row, phi);
            for (var f = 0; f < phi.Length; f++)
            {
                mean[f] += Math.Abs(phi[f]) / test.RowCount;
            }
        }

        mean[0].ShouldBeGreaterThan(3 * mean[3]);
    }
}
