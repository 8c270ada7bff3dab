using System.Diagnostics;
using System.Globalization;
using Beacon.Learning.Data;
using Beacon.Learning.Metrics;

namespace Beacon.Learning.Evaluation;

/// <summary>
/// <c>model eval</c>: trains on the training rows of a CSV with the reference protocol, scores the test rows and prints
/// ROC AUC, PR AUC, log loss, Brier and ECE (means over folds for cv5) plus timings. Exit code 0 on success, 2 on bad
/// arguments or input.
/// </summary>
public static class ModelEvalCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken ct)
    {
        EvalArguments a;
        try
        {
            a = EvalArguments.Parse(args);
        }
        catch (ArgumentException e)
        {
            await output.WriteLineAsync($"error: {e.Message}\n{EvalArguments.Usage}");
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
        var table = CsvTable.Read(a.Csv, ct);
        var labels = TableEncoder.Labels(table.Column(a.Target));
        var excluded = new HashSet<string>(a.Drop, StringComparer.Ordinal) { a.Target };
        if (a.Id is not null)
        {
            excluded.Add(a.Id);
        }

        foreach (var d in a.Drop)
        {
            _ = table.Column(d);
        }

        var schema = TableEncoder.InferSchema(table, table.Headers.Where(h => !excluded.Contains(h)));
        var data = TableEncoder.Encode(table, schema, labels);
        var loadSeconds = clock.Elapsed.TotalSeconds;
        var folds = EvalFolds.Build(a, table, labels);
        var options = EvalModels.Options(a);
        output.WriteLine(string.Create(inv, $"Data: {data.RowCount} rows, {schema.Count} features ({schema.Features.Count(f => f.IsCategorical)} categorical), base rate {labels.Average():0.000}"));
        output.WriteLine($"Protocol: {(a.SplitFrom is null ? a.Split : $"{a.SplitColumn} from {Path.GetFileName(a.SplitFrom)}")}, model {a.Model}, calibration {a.Calibration}, seed {a.Seed}");

        var reports = new List<MetricReport>();
        var preds = new List<EvalPrediction>();
        double trainSeconds = 0, predictSeconds = 0;
        var predicted = 0;
        for (var k = 0; k < folds.Count; k++)
        {
            var (train, test) = folds[k];
            clock.Restart();
            var trainData = data.Subset(train);
            var trained = ModelTrainer.TrainDetailed(trainData, options, ct);
            var model = trained.Model;
            trainSeconds += clock.Elapsed.TotalSeconds;
            output.WriteLine(string.Create(inv, $"  fit {k + 1}: inner-CV ROC AUC on training rows {ClassificationMetrics.RocAuc(trainData.Labels, trained.OutOfFoldRaw):0.0000}, trees per fold [{string.Join(' ', trained.FoldTreeCounts)}]"));
            var testData = data.Subset(test);
            var p = new double[test.Length];
            var raw = new double[test.Length];
            var row = new double[schema.Count];
            clock.Restart();
            for (var i = 0; i < test.Length; i++)
            {
                testData.CopyRow(i, row);
                raw[i] = model.PredictRaw(row);
                p[i] = model.Calibrator.Calibrate(raw[i]);
            }

            predictSeconds += clock.Elapsed.TotalSeconds;
            predicted += test.Length;
            reports.Add(MetricReport.Compute(testData.Labels, p));
            for (var i = 0; i < test.Length; i++)
            {
                var id = a.Id is null ? test[i].ToString(inv) : table.Column(a.Id)[test[i]];
                preds.Add(new EvalPrediction(id, k, testData.Labels[i], p[i], raw[i]));
            }

            if (folds.Count > 1)
            {
                output.WriteLine(string.Create(inv, $"  fold {k + 1}: ROC AUC {reports[^1].RocAuc:0.0000}, ECE {reports[^1].Ece:0.0000}"));
            }
        }

        EvalReport.Write(output, reports);
        output.WriteLine(string.Create(inv, $"Load: {loadSeconds:0.000} s"));
        output.WriteLine(string.Create(inv, $"Train: {trainSeconds / folds.Count:0.000} s per fit ({folds.Count} fit(s), {options.InnerFolds} inner folds each)"));
        output.WriteLine(string.Create(inv, $"Predict: {predictSeconds * 1e6 / Math.Max(1, predicted):0.00} µs per row"));
        if (a.Out is not null)
        {
            EvalReport.WritePredictions(a.Out, preds);
            output.WriteLine($"Predictions: {a.Out}");
        }

        return 0;
    }
}
