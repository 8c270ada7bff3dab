using System.Diagnostics;
using System.Globalization;

namespace Beacon.Learning.Evaluation;

/// <summary>
/// <c>model eval</c>: trains on the training rows of a CSV with the reference protocol, scores the test rows and prints
/// ROC AUC with its DeLong 95 % interval, PR AUC, log loss, Brier and ECE (means over folds for cv5), leakage warnings
/// and the publish gate's verdict. A temporal split trains trees and logistic regression and picks as the server does.
/// Exit codes (docs/learning-evaluation.md): 0 passes the gate, 2 bad arguments or input, 3 not better than chance.
/// </summary>
public static class ModelEvalCommand
{
    public const int NotBetterThanChance = 3;

    /// <param name="lightGbm">The engine behind <c>--model lightgbm</c> (Beacon.Learning.LightGbm); null refuses that model.</param>
    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken ct, ITreeTrainer? lightGbm = null)
    {
        EvalArguments a;
        try
        {
            a = EvalArguments.Parse(args) with { LightGbm = lightGbm };
        }
        catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
        {
            await output.WriteLineAsync($"error: {e.Message}\n{EvalArguments.Usage}");
            return 2;
        }

        if (a.Model == "lightgbm" && lightGbm is null)
        {
            await output.WriteLineAsync("error: --model lightgbm is not available in this host (it needs Beacon.Learning.LightGbm).");
            return 2;
        }

        try
        {
            return await Task.Run(() => Run(a, output, ct), ct);
        }
        catch (Exception e) when (e is ArgumentException or IOException or InvalidDataException or UnauthorizedAccessException)
        {
            await output.WriteLineAsync($"error: {e.Message}");
            return 2;
        }
    }

    private static int Run(EvalArguments a, TextWriter output, CancellationToken ct)
    {
        var inv = CultureInfo.InvariantCulture;
        var clock = Stopwatch.StartNew();
        var input = EvalInput.Load(a, ct);
        var loadSeconds = clock.Elapsed.TotalSeconds;
        var data = input.Data;
        var temporal = a.Split == "temporal" && a.SplitFrom is null;
        output.WriteLine(string.Create(inv, $"Data: {data.RowCount} rows, {data.FeatureCount} features ({data.Schema.Features.Count(f => f.IsCategorical)} categorical), base rate {data.Labels.Average():0.000}"));
        foreach (var rule in input.Rules)
        {
            output.WriteLine(rule);
        }

        var model = temporal ? "gbt and logistic" : a.Model;
        output.WriteLine($"Protocol: {(a.SplitFrom is null ? a.Split : $"{a.SplitColumn} from {Path.GetFileName(a.SplitFrom)}")}, model {model}, calibration {a.Calibration}, seed {a.Seed}");
        foreach (var warning in LeakageCheck.Warnings(data, input.Folds[0].Train, input.Folds[0].Test))
        {
            output.WriteLine(warning);
        }

        var chosen = EvalRun.Train(input, a, temporal || a.Model != "logistic" ? ModelKind.GradientBoosting : ModelKind.Logistic, output, ct);
        if (temporal)
        {
            // Under drift the default is not evidence: the server picks by the latest rows, and so does this report.
            var logistic = EvalRun.Train(input, a, ModelKind.Logistic, output, ct);
            var (labels, trees) = chosen.Latest;
            var pick = ModelChoice.Pick(labels, trees, logistic.Latest.Probabilities);
            output.WriteLine(string.Create(inv, $"Latest fold gbt ROC AUC: {pick.TreesAuc:0.0000}"));
            output.WriteLine(string.Create(inv, $"Latest fold logistic ROC AUC: {pick.LogisticAuc:0.0000}"));
            output.WriteLine($"The server would pick {pick.Name}: the higher ROC AUC on the latest fold (a tie keeps gbt). Metrics below are {pick.Name}'s.");
            chosen = pick.Kind == ModelKind.Logistic ? logistic : chosen;
        }

        EvalReport.Write(output, chosen.Reports);
        var (pooledLabels, pooledP) = chosen.Pooled;
        var verdict = PublishGate.Judge(pooledLabels, pooledP, a.MinAuc);
        var pooled = chosen.Reports.Count > 1 ? string.Create(inv, $" (pooled test rows of {chosen.Reports.Count} folds, ROC AUC {verdict.Auc:0.0000})") : "";
        output.WriteLine(string.Create(inv, $"ROC AUC 95 % interval (DeLong): {verdict.Lower:0.0000} – {verdict.Upper:0.0000}{pooled}"));
        output.WriteLine(string.Create(inv, $"Load: {loadSeconds:0.000} s"));
        output.WriteLine(string.Create(inv, $"Train: {chosen.TrainSeconds / input.Folds.Count:0.000} s per fit ({input.Folds.Count} fit(s), {a.InnerFolds} inner folds each)"));
        output.WriteLine(string.Create(inv, $"Predict: {chosen.PredictSeconds * 1e6 / Math.Max(1, chosen.Predictions.Count):0.00} µs per row"));
        if (a.Out is not null)
        {
            EvalReport.WritePredictions(a.Out, chosen.Predictions);
            output.WriteLine($"Predictions: {a.Out}");
        }

        output.WriteLine($"Verdict: {verdict.Reason}");
        return verdict.Passed ? 0 : NotBetterThanChance;
    }
}
