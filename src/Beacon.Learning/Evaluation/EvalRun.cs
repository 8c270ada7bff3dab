using System.Diagnostics;
using System.Globalization;
using Beacon.Learning.Metrics;

namespace Beacon.Learning.Evaluation;

/// <summary>One model kind trained and scored on every fold of an <see cref="EvalInput"/>.</summary>
internal sealed record EvalRun(ModelKind Kind, List<MetricReport> Reports, List<EvalPrediction> Predictions,
    double TrainSeconds, double PredictSeconds)
{
    /// <summary>Test labels and probabilities of the last fold (for a temporal split: the latest rows).</summary>
    public (double[] Labels, double[] Probabilities) Latest => Of(Predictions.Where(p => p.Fold == Reports.Count - 1));

    /// <summary>Every test row once (cv5: each fold's model on its own fold).</summary>
    public (double[] Labels, double[] Probabilities) Pooled => Of(Predictions);

    public static EvalRun Train(EvalInput input, EvalArguments a, ModelKind kind, TextWriter output, CancellationToken ct)
    {
        var inv = CultureInfo.InvariantCulture;
        var options = EvalModels.Options(a) with { Kind = kind };
        var name = kind == ModelKind.GradientBoosting && options.Trees is { } engine ? engine.Name : ModelChoice.Name(kind);
        var data = input.Data;
        var clock = new Stopwatch();
        var reports = new List<MetricReport>();
        var preds = new List<EvalPrediction>();
        double trainSeconds = 0, predictSeconds = 0;
        for (var k = 0; k < input.Folds.Count; k++)
        {
            var (train, test) = input.Folds[k];
            clock.Restart();
            var trainData = data.Subset(train);
            var trained = ModelTrainer.TrainDetailed(trainData, options, ct);
            trainSeconds += clock.Elapsed.TotalSeconds;
            var trees = kind == ModelKind.GradientBoosting ? $", trees per fold [{string.Join(' ', trained.FoldTreeCounts)}]" : "";
            output.WriteLine(string.Create(inv, $"  {name} fit {k + 1}: inner-CV ROC AUC on training rows {ClassificationMetrics.RocAuc(trainData.Labels, trained.OutOfFoldRaw):0.0000}{trees}"));
            var testData = data.Subset(test);
            var p = new double[test.Length];
            var raw = new double[test.Length];
            var row = new double[data.FeatureCount];
            clock.Restart();
            for (var i = 0; i < test.Length; i++)
            {
                testData.CopyRow(i, row);
                raw[i] = trained.Model.PredictRaw(row);
                p[i] = trained.Model.Calibrator.Calibrate(raw[i]);
            }

            predictSeconds += clock.Elapsed.TotalSeconds;
            reports.Add(MetricReport.Compute(testData.Labels, p));
            var ids = a.Id is null ? null : input.Table.Column(a.Id);
            for (var i = 0; i < test.Length; i++)
            {
                preds.Add(new EvalPrediction(ids?[test[i]] ?? test[i].ToString(inv), k, testData.Labels[i], p[i], raw[i]));
            }

            if (input.Folds.Count > 1)
            {
                output.WriteLine(string.Create(inv, $"  {name} fold {k + 1}: ROC AUC {reports[^1].RocAuc:0.0000}, ECE {reports[^1].Ece:0.0000}"));
            }
        }

        return new EvalRun(kind, reports, preds, trainSeconds, predictSeconds);
    }

    private static (double[] Labels, double[] Probabilities) Of(IEnumerable<EvalPrediction> rows)
    {
        var list = rows.ToList();
        return ([.. list.Select(r => r.Label)], [.. list.Select(r => r.Probability)]);
    }
}
