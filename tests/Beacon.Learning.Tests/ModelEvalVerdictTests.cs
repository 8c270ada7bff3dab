using System.Globalization;
using System.Text;

namespace Beacon.Learning.Tests;

/// <summary>What <c>model eval</c> concludes: the publish gate's verdict, leakage warnings and the temporal order.</summary>
public sealed class ModelEvalVerdictTests : IDisposable
{
    private readonly EvalFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task A_clear_signal_prints_its_auc_interval_and_passes_the_gate()
    {
        var csv = _files.Signal("signal.csv", 800, seed: 11);
        var (exit, output) = await EvalRunner.RunAsync("--csv", csv, "--target", "y", "--id", "id");
        exit.ShouldBe(0, output);
        var (lower, upper) = Interval(output);
        lower.ShouldBeGreaterThan(0.5);
        EvalRunner.Metric(output, "ROC AUC").ShouldBeInRange(lower, upper);
        output.ShouldContain("passes the publish gate");
    }

    [Fact]
    public async Task An_auc_under_the_gates_floor_is_not_better_than_chance_and_exits_3()
    {
        var csv = _files.Signal("signal.csv", 800, seed: 11);
        var (exit, output) = await EvalRunner.RunAsync("--csv", csv, "--target", "y", "--id", "id", "--min-auc", "0.99");
        exit.ShouldBe(3, output);
        Interval(output).Lower.ShouldBeGreaterThan(0.5);
        output.ShouldContain("not better than chance (needs ROC AUC ≥ 0.99 and a 95 % lower bound > 0.5)");
    }

    [Fact]
    public async Task A_single_feature_that_predicts_the_target_alone_is_flagged_as_likely_leakage()
    {
        var rng = new Random(3);
        var csv = _files.Signal("leak.csv", 800, seed: 12, label: null,
            ("notes", (_, _, y) => (y == 1) == (rng.NextDouble() < 0.95) ? "call back" : "no answer"),
            ("colour", (i, _, _) => (i % 3).ToString(CultureInfo.InvariantCulture)));
        var (_, output) = await EvalRunner.RunAsync("--csv", csv, "--target", "y", "--id", "id");
        output.ShouldContain("Warning: likely leakage: 'notes' alone reaches ROC AUC 0.9");
        output.ShouldNotContain("'colour'");
        output.ShouldNotContain("'x'");
    }

    [Fact]
    public async Task Columns_named_like_an_outcome_or_a_duration_are_flagged_as_likely_leakage()
    {
        var csv = _files.Signal("named.csv", 400, seed: 13, label: null,
            ("Lead Status", (i, _, _) => i % 2 == 0 ? "open" : "new"),
            ("days_to_close", (i, _, _) => (i % 7).ToString(CultureInfo.InvariantCulture)));
        var (_, output) = await EvalRunner.RunAsync("--csv", csv, "--target", "y", "--id", "id");
        output.ShouldContain("Warning: likely leakage: 'Lead Status' is named like an outcome");
        output.ShouldContain("Warning: likely leakage: 'days_to_close' is named like a duration");
        output.ShouldNotContain("'x'");
    }

    [Fact]
    public async Task A_date_text_order_column_splits_by_date_not_by_file_order()
    {
        var rng = new Random(7);
        var days = Enumerable.Range(0, 500).OrderBy(_ => rng.Next()).ToArray();
        var start = new DateOnly(2024, 1, 1);
        var csv = _files.Signal("dated.csv", 500, seed: 14, label: null,
            ("created", (i, _, _) => start.AddDays(days[i]).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        var preds = _files.PathOf("preds.csv");
        var (exit, output) = await EvalRunner.RunAsync("--csv", csv, "--target", "y", "--id", "id", "--split", "temporal",
            "--order", "created", "--out", preds);
        exit.ShouldBe(0, output);
        output.ShouldContain("Order: created read as dates, test rows from 2025-02-04");
        var tested = (await File.ReadAllLinesAsync(preds, TestContext.Current.CancellationToken)).Skip(1).Select(l => l.Split(',')[0]);
        tested.Order().ShouldBe(Enumerable.Range(0, 500).Where(i => days[i] >= 400).Select(i => $"r{i}").Order());
    }

    [Fact]
    public async Task An_order_column_that_is_neither_numbers_nor_dates_is_refused()
    {
        var csv = _files.Signal("soon.csv", 200, seed: 15, label: null, ("created", (i, _, _) => i == 2 ? "soon" : "2024-05-01"));
        var (exit, output) = await EvalRunner.RunAsync("--csv", csv, "--target", "y", "--split", "temporal", "--order", "created");
        exit.ShouldBe(2, output);
        EvalRunner.SingleError(output).ShouldContain("--order column 'created' holds 'soon' on row 3: neither a number nor an ISO date");
    }

    [Fact]
    public async Task Under_drift_a_temporal_eval_reports_trees_and_logistic_and_picks_by_the_latest_fold()
    {
        // The late leads' x lies beyond anything seen in training: trees score them all alike, a line still ranks them.
        // Platt keeps that ranking; isotonic calibration would flatten both models' unseen range into its top step.
        var rng = new Random(8);
        var sb = new StringBuilder("id,t,x,y\n");
        for (var i = 0; i < 1000; i++)
        {
            var late = i >= 800;
            var x = (rng.NextDouble() * 2) + (late ? 1 : -1);
            var z = (3 * x) - (late ? 6 : 0);
            sb.Append(CultureInfo.InvariantCulture, $"r{i},{i},{x:0.####},{(rng.NextDouble() < 1 / (1 + Math.Exp(-z)) ? 1 : 0)}\n");
        }

        var csv = _files.Write("drift.csv", sb.ToString());
        var (exit, output) = await EvalRunner.RunAsync("--csv", csv, "--target", "y", "--id", "id", "--split", "temporal", "--order", "t",
            "--calibration", "platt");
        exit.ShouldBe(0, output);
        var gbt = EvalRunner.Metric(output, "Latest fold gbt ROC AUC");
        var logistic = EvalRunner.Metric(output, "Latest fold logistic ROC AUC");
        logistic.ShouldBeGreaterThan(gbt + 0.1);
        output.ShouldContain("The server would pick logistic");
        EvalRunner.Metric(output, "ROC AUC").ShouldBe(logistic, 1e-4);
    }

    private static (double Lower, double Upper) Interval(string output)
    {
        var line = output.Split('\n').First(l => l.StartsWith("ROC AUC 95 % interval (DeLong): ", StringComparison.Ordinal));
        var parts = line.Split(": ")[1].Split(' ');
        return (double.Parse(parts[0], CultureInfo.InvariantCulture), double.Parse(parts[2], CultureInfo.InvariantCulture));
    }
}
