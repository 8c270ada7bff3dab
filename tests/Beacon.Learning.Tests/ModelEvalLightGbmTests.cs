using Beacon.Learning.LightGbm;

namespace Beacon.Learning.Tests;

/// <summary><c>model eval --model lightgbm</c>: the same folds and calibration as Beacon's booster, through the CLI.</summary>
public sealed class ModelEvalLightGbmTests : IDisposable
{
    private readonly EvalFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Model_lightgbm_runs_end_to_end_through_the_cli_and_writes_predictions()
    {
        var csv = _files.Signal("data.csv", 1500, seed: 3, extra: ("colour", (i, x, y) => (i % 3) switch { 0 => "red", 1 => "blue", _ => "Select" }));
        var preds = _files.PathOf("preds.csv");
        var (exit, output) = await RunAsync("--csv", csv, "--target", "y", "--id", "id", "--split", "cv5", "--model", "lightgbm", "--out", preds);
        exit.ShouldBe(0, output);
        output.ShouldContain("model lightgbm, calibration isotonic");
        output.ShouldContain("lightgbm fit 5: inner-CV ROC AUC on training rows");
        EvalRunner.Metric(output, "ROC AUC").ShouldBeGreaterThan(0.7, output);
        (await File.ReadAllLinesAsync(preds)).Length.ShouldBe(1 + 1500);
    }

    [Theory]
    [InlineData("--model", "xgboost")]
    [InlineData("--split", "temporal", "--order", "x", "--model", "lightgbm")]
    [InlineData("--model", "lightgbm", "--gbt", "MaxDepth=3")]
    public async Task A_model_lightgbm_it_cannot_run_is_refused_with_exit_2_and_says_why(params string[] args)
    {
        var csv = _files.Signal("data.csv", 200, seed: 4);
        var (exit, output) = await RunAsync(["--csv", csv, "--target", "y", "--id", "id", .. args]);
        exit.ShouldBe(2, output);
        output.ShouldStartWith("error: ");
        output.ShouldContain("lightgbm");
        output.ShouldNotContain("fit 1");
    }

    [Fact]
    public async Task Model_lightgbm_in_a_host_without_the_engine_is_a_one_line_refusal()
    {
        var csv = _files.Signal("data.csv", 200, seed: 5);
        var (exit, output) = await EvalRunner.RunAsync("--csv", csv, "--target", "y", "--model", "lightgbm");
        exit.ShouldBe(2);
        EvalRunner.SingleError(output).ShouldContain("--model lightgbm is not available");
    }

    [Fact]
    public async Task LightGbm_peer_on_the_real_leads_holdout_beats_chance_and_is_calibrated()
    {
        var leads = Path.Combine(RepoPaths.SharedData, "leads-x-education", "Leads.csv");
        var split = Path.Combine(RepoPaths.SharedData, "reference", "leads_x_education_no_leak_preds.csv");
        if (!File.Exists(leads) || !File.Exists(split))
        {
            Assert.Skip($"Reference data not found at {RepoPaths.SharedData} (../shared/data beside the clone, or BEACON_SHARED_DATA).");
        }

        var (exit, output) = await RunAsync("--csv", leads, "--target", "Converted", "--id", "Prospect ID", "--drop",
            "Lead Number,Tags,Lead Quality,Lead Profile,Last Activity,Last Notable Activity,Asymmetrique Activity Index," +
            "Asymmetrique Profile Index,Asymmetrique Activity Score,Asymmetrique Profile Score",
            "--split-from", split, "--split-column", "split_holdout", "--model", "lightgbm");
        exit.ShouldBe(0, output);
        EvalRunner.Metric(output, "ROC AUC").ShouldBeGreaterThan(0.84, output);
        EvalRunner.Metric(output, "ECE").ShouldBeLessThan(0.05, output);
    }

    private static async Task<(int Exit, string Output)> RunAsync(params string[] args)
    {
        using var output = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        var exit = await Evaluation.ModelEvalCommand.RunAsync(args, output, TestContext.Current.CancellationToken, new LightGbmTrainer());
        return (exit, output.ToString());
    }
}
