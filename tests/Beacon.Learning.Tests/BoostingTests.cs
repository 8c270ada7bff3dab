using Beacon.Learning.Boosting;
using Beacon.Learning.Metrics;

namespace Beacon.Learning.Tests;

public sealed class BoostingTests
{
    private static readonly GbtOptions Options = new() { Iterations = 150, LearningRate = 0.1, MaxLeaves = 15, EarlyStoppingRounds = 0 };

    [Fact]
    public void Boosted_trees_learn_non_linear_numeric_missing_and_categorical_signal()
    {
        var train = TestData.Mixed(4000, seed: 1);
        var test = TestData.Mixed(2000, seed: 2);
        var model = GbtTrainer.Train(train, Options);
        ClassificationMetrics.RocAuc(test.Labels, TestData.Predict(model, test)).ShouldBeGreaterThan(0.85);
    }

    [Fact]
    public void Missing_values_follow_the_learned_default_direction()
    {
        var train = TestData.Mixed(4000, seed: 3);
        var model = GbtTrainer.Train(train, Options);
        // Missing x1 carries +1.5 log-odds in the generator; sin(2·x1) averages 0.
        var missing = model.PredictRaw([0, double.NaN, 0, 0.5]);
        var present = Enumerable.Range(-20, 41).Average(i => model.PredictRaw([0, i / 10.0, 0, 0.5]));
        missing.ShouldBeGreaterThan(present + 0.5);
    }

    [Fact]
    public void Categorical_levels_are_split_by_their_effect_and_unseen_levels_are_scored()
    {
        var model = GbtTrainer.Train(TestData.Mixed(4000, seed: 4), Options);
        var positive = model.PredictRaw([0, 0.3, 1, 0.5]) + model.PredictRaw([0, 0.3, 4, 0.5]);
        var negative = model.PredictRaw([0, 0.3, 0, 0.5]) + model.PredictRaw([0, 0.3, 2, 0.5]);
        positive.ShouldBeGreaterThan(negative + 1);
        double.IsFinite(model.PredictRaw([0, 0.3, 99, 0.5])).ShouldBeTrue();
    }

    [Fact]
    public void Early_stopping_keeps_the_best_validation_iteration()
    {
        var result = GbtTrainer.TrainWithReport(TestData.Mixed(1500, seed: 5),
            Options with { Iterations = 400, LearningRate = 0.3, EarlyStoppingRounds = 20 }, TestData.Mixed(1000, seed: 6));
        result.BestIteration.ShouldBeLessThan(400);
        result.Model.TreeCount.ShouldBe(result.BestIteration);
        result.ValidationLogLoss[result.BestIteration - 1].ShouldBe(result.ValidationLogLoss.Min(), 1e-12);
    }

    [Fact]
    public void Trees_respect_max_depth_and_max_leaves()
    {
        var model = GbtTrainer.Train(TestData.Mixed(3000, seed: 7), Options with { Iterations = 20, MaxDepth = 3, MaxLeaves = 6 });
        model.MaxDepth.ShouldBeLessThanOrEqualTo(3);
        var leaves = model.NodeCount - ((model.NodeCount - model.TreeCount) / 2);
        leaves.ShouldBeLessThanOrEqualTo(20 * 6);
    }

    [Fact]
    public void A_random_target_gives_chance_level_auc()
    {
        var model = GbtTrainer.Train(TestData.Mixed(3000, seed: 8, randomTarget: true), Options with { Iterations = 50 });
        var test = TestData.Mixed(3000, seed: 9, randomTarget: true);
        ClassificationMetrics.RocAuc(test.Labels, TestData.Predict(model, test)).ShouldBeInRange(0.45, 0.55);
    }

    [Fact]
    public void Prediction_allocates_nothing()
    {
        var model = GbtTrainer.Train(TestData.Mixed(2000, seed: 10), Options with { Iterations = 30 });
        double[] row = [0.5, double.NaN, 3, 0.1];
        var phi = new double[4];
        model.PredictRaw(row);
        model.Contributions(row, phi);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            model.PredictRaw(row);
            model.Contributions(row, phi);
        }

        (GC.GetAllocatedBytesForCurrentThread() - before).ShouldBe(0);
    }
}
