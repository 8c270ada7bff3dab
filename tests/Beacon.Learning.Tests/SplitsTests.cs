using Beacon.Learning.Evaluation;

namespace Beacon.Learning.Tests;

public sealed class SplitsTests
{
    private static readonly double[] Labels = [.. Enumerable.Range(0, 1000).Select(i => i % 5 == 0 ? 1.0 : 0.0)];

    [Fact]
    public void Stratified_holdout_keeps_the_class_balance_in_a_fifth_of_rows()
    {
        var test = Splits.StratifiedHoldout(Labels, 0.2, 42);
        test.Count(t => t).ShouldBe(200);
        Labels.Where((_, i) => test[i]).Count(y => y > 0.5).ShouldBe(40);
    }

    [Fact]
    public void Stratified_folds_are_even_and_deterministic()
    {
        var folds = Splits.StratifiedFolds(Labels, 5, 42);
        Enumerable.Range(0, 5).Select(k => folds.Count(f => f == k)).ShouldAllBe(c => c == 200);
        Splits.StratifiedFolds(Labels, 5, 42).ShouldBe(folds);
    }

    [Fact]
    public void Temporal_split_tests_on_the_latest_fifth()
    {
        double[] order = [.. Enumerable.Range(0, 10).Select(i => (double)(9 - i))];
        var test = Splits.Temporal(order, 0.8);
        test.ShouldBe([true, true, false, false, false, false, false, false, false, false]);
    }
}
