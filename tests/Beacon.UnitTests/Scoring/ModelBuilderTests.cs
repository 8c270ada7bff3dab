using Beacon.Learning.Metrics;
using Beacon.Learning.Serialization;
using Beacon.Scoring.Training;
using Shouldly;
using Xunit;

namespace Beacon.UnitTests.Scoring;

public sealed class ModelBuilderTests
{
    private static readonly BuildSettings Settings = new(HorizonDays: 60, MinPositives: 40, MinNegatives: 40, MinHoldoutAuc: 0.55);

    [Fact]
    public void On_demo_history_the_model_is_within_0_01_of_the_Bayes_optimal_AUC_and_explains_every_row_exactly()
    {
        var history = DemoHistory.Generate(80_000);
        var truth = history.ToDictionary(h => h.Lead.LeadId, h => h.TrueProbability);
        var rows = TrainingRows.From(DemoHistory.WithoutEnrichment(history.Select(h => h.Lead)), DemoHistory.Now, 60, 60);

        var built = ModelBuilder.Build(rows, Settings, TestContext.Current.CancellationToken);

        built.GatePassed.ShouldBeTrue(built.GateReason);
        var holdoutIds = rows.LeadIds[^built.HoldoutRows..];
        var bayes = ClassificationMetrics.RocAuc(built.HoldoutLabels, holdoutIds.Select(id => truth[id]).ToArray());
        var ours = ClassificationMetrics.RocAuc(built.HoldoutLabels, built.HoldoutProbabilities);
        TestContext.Current.TestOutputHelper?.WriteLine($"hold-out rows {built.HoldoutRows}, Bayes-optimal AUC {bayes:0.0000}, ours {ours:0.0000}, ECE {built.Holdout!.Metrics.Ece:0.0000}");
        Math.Abs(bayes - ours).ShouldBeLessThanOrEqualTo(0.01);

        var pipeline = built.Pipeline!;
        var row = new double[pipeline.Features.Count];
        var phi = new double[row.Length];
        foreach (var i in Enumerable.Range(rows.Count - built.HoldoutRows, built.HoldoutRows))
        {
            pipeline.Encode(rows.Facts[i], row);
            var bias = built.Model!.Contributions(row, phi);
            Math.Abs(bias + phi.Sum() - built.Model.PredictRaw(row)).ShouldBeLessThan(1e-6);
        }
    }

    [Fact]
    public void The_same_rows_and_seed_give_a_byte_identical_model()
    {
        var leads = DemoHistory.Generate(6_000, seed: 3).Select(h => h.Lead).ToList();
        var rows = TrainingRows.From(DemoHistory.WithoutEnrichment(leads), DemoHistory.Now, 60, 60);

        var a = ModelBuilder.Build(rows, Settings, TestContext.Current.CancellationToken);
        var b = ModelBuilder.Build(rows, Settings, TestContext.Current.CancellationToken);

        ModelSerializer.Serialize(a.Model!).ShouldBe(ModelSerializer.Serialize(b.Model!));
    }

    [Fact]
    public void The_builder_keeps_whichever_of_trees_and_logistic_scores_higher_on_the_latest_leads()
    {
        var leads = DemoHistory.Generate(6_000, seed: 3).Select(h => h.Lead).ToList();
        var rows = TrainingRows.From(DemoHistory.WithoutEnrichment(leads), DemoHistory.Now, 60, 60);

        var built = ModelBuilder.Build(rows, Settings, TestContext.Current.CancellationToken);

        var choice = built.Choice.ShouldNotBeNull();
        ClassificationMetrics.RocAuc(built.HoldoutLabels, built.HoldoutProbabilities)
            .ShouldBe(Math.Max(choice.TreesAuc, choice.LogisticAuc), 1e-12);
        built.Method.ShouldBe(choice.LogisticAuc > choice.TreesAuc ? "logistic" : "gbt");
        built.GateReason.ShouldContain($"Kept {built.Method}");
    }

    [Fact]
    public void A_random_target_gives_chance_AUC_and_the_publish_gate_refuses_the_model()
    {
        var random = new Random(5);
        var leads = DemoHistory.Generate(8_000, seed: 9).Select(h => h.Lead)
            .Where(l => l.Stage is "closed" or "lost")
            .Select(l => l with { Stage = random.NextDouble() < 0.3 ? "closed" : "lost" })
            .ToList();
        var rows = TrainingRows.From(DemoHistory.WithoutEnrichment(leads), DemoHistory.Now, 60, 60);

        var built = ModelBuilder.Build(rows, Settings, TestContext.Current.CancellationToken);

        built.Holdout!.Metrics.RocAuc.ShouldBeInRange(0.44, 0.56);
        built.GatePassed.ShouldBeFalse();
        built.GateReason.ShouldStartWith("Refused");
    }

    [Fact]
    public void Too_little_history_is_refused_before_training()
    {
        var leads = DemoHistory.Generate(100, seed: 4).Select(h => h.Lead).ToList();
        var rows = TrainingRows.From(DemoHistory.WithoutEnrichment(leads), DemoHistory.Now, 60, 60);

        var built = ModelBuilder.Build(rows, Settings, TestContext.Current.CancellationToken);

        built.GatePassed.ShouldBeFalse();
        built.Model.ShouldBeNull();
        built.GateReason.ShouldContain("Too little history");
    }
}
