using Beacon.Learning.Evaluation;

namespace Beacon.Learning.Tests;

/// <summary>The rules Scoring and <c>model eval</c> share: the publish gate and the choice of trees or logistic.</summary>
public sealed class GateAndChoiceTests
{
    private static readonly double[] Labels = [.. Enumerable.Range(0, 400).Select(i => i % 2 == 0 ? 1.0 : 0.0)];

    [Fact]
    public void The_gate_needs_both_the_floor_and_a_lower_bound_above_chance()
    {
        var random = new Random(3);
        var good = Labels.Select(l => (0.8 * l) + random.NextDouble()).ToArray();
        var noise = Labels.Select(_ => random.NextDouble()).ToArray();

        var pass = PublishGate.Judge(Labels, good, PublishGate.DefaultMinAuc);
        pass.Passed.ShouldBeTrue(pass.Reason);
        pass.Lower.ShouldBeGreaterThan(0.5);
        pass.Reason.ShouldContain("passes the publish gate");
        var floor = PublishGate.Judge(Labels, good, 0.999);
        floor.Passed.ShouldBeFalse();
        floor.Reason.ShouldContain("is not better than chance (needs ROC AUC ≥ 0.999");
        var chance = PublishGate.Judge(Labels, noise, PublishGate.DefaultMinAuc);
        chance.Passed.ShouldBeFalse();
        chance.Lower.ShouldBeLessThanOrEqualTo(0.5);
    }

    [Fact]
    public void One_outcome_gives_no_evidence_and_does_not_pass()
    {
        var verdict = PublishGate.Judge([1, 1, 1, 0], [0.9, 0.8, 0.7, 0.1], 0.55);
        verdict.Passed.ShouldBeFalse();
        double.IsNaN(verdict.Auc).ShouldBeTrue();
    }

    [Fact]
    public void The_latest_fold_picks_the_model_and_a_tie_keeps_the_trees()
    {
        var ranked = Labels.Select((l, i) => l + (i * 1e-4)).ToArray();
        var flat = Labels.Select(_ => 0.5).ToArray();

        ModelChoice.Pick(Labels, flat, ranked).Kind.ShouldBe(ModelKind.Logistic);
        ModelChoice.Pick(Labels, ranked, flat).Kind.ShouldBe(ModelKind.GradientBoosting);
        ModelChoice.Pick(Labels, ranked, ranked).Kind.ShouldBe(ModelKind.GradientBoosting);
    }
}
