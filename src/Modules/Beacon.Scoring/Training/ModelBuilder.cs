using Beacon.Learning;
using Beacon.Learning.Boosting;
using Beacon.Learning.Data;
using Beacon.Learning.Evaluation;
using Beacon.Learning.Metrics;
using Beacon.Scoring.Evaluation;
using Beacon.Scoring.Features;
using Beacon.Scoring.Monitoring;

namespace Beacon.Scoring.Training;

internal sealed record BuildSettings(int HorizonDays, int MinPositives, int MinNegatives, double MinHoldoutAuc, int Seed = 42,
    double HoldoutFraction = 0.2);

internal sealed record HoldoutReport(MetricReport Metrics, double AucLower, double AucUpper, IReadOnlyList<ReliabilityBin> Calibration);

internal sealed record BuildResult(bool GatePassed, string GateReason, ScoringModel? Model, FeaturePipeline? Pipeline,
    HoldoutReport? Holdout, int TrainRows, int HoldoutRows, int Positives, int Negatives, double[] HoldoutProbabilities,
    double[] HoldoutLabels);

/// <summary>
/// Trains and judges one model from training rows (no I/O): time-based hold-out of the most recent 20 %, out-of-fold
/// source/agent rates on the training part, gradient-boosted trees with isotonic calibration fitted on inner
/// out-of-fold scores, hold-out metrics and reliability table, and the publish gate.
/// </summary>
internal static class ModelBuilder
{
    public static ModelTrainingOptions TrainingOptions(int seed) => new()
    {
        Seed = seed,
        InnerFolds = 5,
        Calibration = CalibrationMethod.Isotonic,
        // One refitted ensemble (not the mean of five fold models): a fifth of the trees to walk per live score.
        Final = FinalModel.Refit,
        Gbt = new GbtOptions
        {
            Iterations = 1000,
            LearningRate = 0.05,
            MaxLeaves = 8,
            MaxDepth = 4,
            MaxCategoriesPerSplit = 1,
            RowSubsample = 0.8,
            FeatureSubsample = 0.8,
            Seed = seed,
        },
    };

    public static BuildResult Build(TrainingRows rows, BuildSettings s, CancellationToken ct = default)
    {
        int pos = rows.Positives, neg = rows.Negatives;
        if (pos < s.MinPositives || neg < s.MinNegatives)
        {
            return Refused($"Too little history: {pos} converted and {neg} lost leads; at least {s.MinPositives} + {s.MinNegatives} are needed.");
        }

        var holdCount = (int)Math.Ceiling(rows.Count * s.HoldoutFraction);
        var train = Enumerable.Range(0, rows.Count - holdCount).ToArray();
        var hold = Enumerable.Range(rows.Count - holdCount, holdCount).ToArray();
        var trainLabels = train.Select(i => rows.Labels[i]).ToArray();
        var holdLabels = hold.Select(i => rows.Labels[i]).ToArray();
        if (trainLabels.Distinct().Count() < 2 || holdLabels.Distinct().Count() < 2)
        {
            return Refused("The training or the hold-out period has only one kind of outcome.");
        }

        var trainFacts = train.Select(i => rows.Facts[i]).ToList();
        var folds = Splits.StratifiedFolds(trainLabels, 5, s.Seed);
        var (oofSource, oofAgent) = TargetStats.OutOfFold(trainFacts, trainLabels, folds, 5);
        var stats = TargetStats.Fit(trainFacts, trainLabels, Enumerable.Range(0, train.Length).ToList());
        var pipeline = FeaturePipeline.Fit(trainFacts, stats, s.HorizonDays);
        var n = pipeline.Features.Count;
        var columns = Enumerable.Range(0, n).Select(_ => new double[train.Length]).ToArray();
        var row = new double[n];
        for (var r = 0; r < train.Length; r++)
        {
            pipeline.Encode(trainFacts[r], oofSource[r], oofAgent[r], row);
            for (var f = 0; f < n; f++)
            {
                columns[f][r] = row[f];
            }
        }

        var baseline = Enumerable.Range(0, n).ToDictionary(f => pipeline.Features[f], f => FeatureBaseline.Fit(columns[f]));
        pipeline = pipeline with { Baseline = baseline };
        var model = ModelTrainer.Train(new Dataset(pipeline.Schema, columns, trainLabels), TrainingOptions(s.Seed), ct);

        var probs = new double[hold.Length];
        for (var r = 0; r < hold.Length; r++)
        {
            pipeline.Encode(rows.Facts[hold[r]], row);
            probs[r] = model.PredictProbability(row);
        }

        var metrics = MetricReport.Compute(holdLabels, probs);
        var (auc, lower, upper) = DeLong.Interval(holdLabels, probs);
        var report = new HoldoutReport(metrics, lower, upper, Reliability.Table(holdLabels, probs, 10));
        var passed = auc >= s.MinHoldoutAuc && lower > 0.5;
        var reason = passed
            ? $"Hold-out ROC AUC {auc:0.0000} (95 % interval {lower:0.0000}–{upper:0.0000}) passes the gate (≥ {s.MinHoldoutAuc:0.00}, lower bound > 0.5)."
            : $"Refused: hold-out ROC AUC {auc:0.0000} (95 % interval {lower:0.0000}–{upper:0.0000}) is not clearly better than chance (needs ≥ {s.MinHoldoutAuc:0.00} and lower bound > 0.5).";
        return new BuildResult(passed, reason, model, pipeline, report, train.Length, hold.Length, pos, neg, probs, holdLabels);

        BuildResult Refused(string why) => new(false, why, null, null, null, 0, 0, pos, neg, [], []);
    }
}
