using System.Globalization;
using System.Text;

namespace Beacon.Learning.Tests;

public sealed class ModelEvalCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("beacon-eval-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task A_random_target_scores_chance_level_auc_and_is_called_not_better_than_chance_with_exit_3()
    {
        var csv = WriteCsv(randomTarget: true);
        var (exit, output) = await EvalRunner.RunAsync("--csv", csv, "--target", "y", "--id", "id", "--split", "holdout");
        exit.ShouldBe(3, output);
        EvalRunner.Metric(output, "ROC AUC").ShouldBeInRange(0.44, 0.56);
        output.ShouldContain("ROC AUC 95 % interval (DeLong): ");
        output.ShouldContain("is not better than chance");
    }

    [Fact]
    public async Task Eval_reads_any_csv_detects_column_types_and_writes_predictions()
    {
        var csv = WriteCsv(randomTarget: false);
        var preds = Path.Combine(_dir, "preds.csv");
        var (exit, output) = await EvalRunner.RunAsync("--csv", csv, "--target", "y", "--id", "id", "--drop", "noise",
            "--split", "temporal", "--order", "t", "--out", preds);
        exit.ShouldBe(0, output);
        output.ShouldContain("2 categorical");
        output.ShouldContain("Target: y = '1' is positive; '0' is negative");
        output.ShouldContain("The server would pick ");
        output.ShouldNotContain("leakage");
        EvalRunner.Metric(output, "ROC AUC").ShouldBeGreaterThan(0.75);
        foreach (var metric in new[] { "PR AUC", "Log loss", "Brier", "ECE" })
        {
            double.IsFinite(EvalRunner.Metric(output, metric)).ShouldBeTrue();
        }

        var lines = await File.ReadAllLinesAsync(preds);
        lines[0].ShouldBe("id,fold,label,p,raw");
        lines.Length.ShouldBe(1 + 400);
    }

    [Fact]
    public async Task Bad_arguments_exit_with_2_and_say_why()
    {
        var (exit, output) = await EvalRunner.RunAsync("--csv", "nope.csv");
        exit.ShouldBe(2);
        output.ShouldContain("--target");
        (exit, output) = await EvalRunner.RunAsync("--csv", Path.Combine(_dir, "missing.csv"), "--target", "y");
        exit.ShouldBe(2);
        output.ShouldContain("error:");
    }

    // 2,000 rows: t (order), id, numeric x with blanks, categorical colour (with "Select" = missing), a free-text
    // noise column, y.
    private string WriteCsv(bool randomTarget)
    {
        var rng = new Random(5);
        var sb = new StringBuilder("id,t,x,colour,city,noise,y\r\n");
        string[] colours = ["red", "green", "blue", "Select"];
        string[] cities = ["Oslo", "Lima", ""];
        for (var i = 0; i < 2000; i++)
        {
            var x = (rng.NextDouble() * 4) - 2;
            var colour = colours[rng.Next(4)];
            var z = (2 * x) + (colour == "red" ? 1 : 0);
            var y = randomTarget ? rng.Next(2) : rng.NextDouble() < 1 / (1 + Math.Exp(-z)) ? 1 : 0;
            var xText = rng.NextDouble() < 0.05 ? "" : x.ToString("0.###", CultureInfo.InvariantCulture);
            sb.Append(CultureInfo.InvariantCulture, $"r{i},{i},{xText},{colour},{cities[rng.Next(3)]},\"n, {rng.Next()}\",{y}\r\n");
        }

        var path = Path.Combine(_dir, "data.csv");
        File.WriteAllText(path, sb.ToString());
        return path;
    }
}
