using System.Globalization;
using Beacon.Learning;
using Beacon.Learning.Boosting;
using Beacon.Learning.Data;
using Beacon.Learning.Evaluation;
using Beacon.Learning.Metrics;
using Beacon.Scoring.Features;
using Beacon.Scoring.Monitoring;

namespace Beacon.Scoring.Training;

internal sealed record BuildSettings(int HorizonDays, int MinPositives, int MinNegatives, double MinHoldoutAuc, int Seed = 42,
    double HoldoutFraction = 0.2);

internal sealed record HoldoutReport(MetricReport Metrics, double AucLower, double AucUpper, IReadOnlyList<ReliabilityBin> Calibration);

internal sealed record BuildResult(bool GatePassed, string GateReason, ScoringModel? Model, FeaturePipeline? Pipeline,
    HoldoutReport? Holdout, int TrainRows, int HoldoutRows, int Positives, int Negatives, double[] HoldoutProbabilities,
    double[] HoldoutLabels, ModelPick? Choice = null)
{
    /// <summary>"gbt" or "logistic": what <see cref="ModelChoice"/> kept (scoring.models.method).</summary>
    public string Method => Choice?.Name ?? "gbt";
}

/// <summary>
/// Trains and judges one model from training rows (no I/O): time-based hold-out of the most recent 20 %, out-of-fold
/// source/agent rates on the training part, gradient-boosted trees and logistic regression with isotonic calibration
/// fitted on inner out-of-fold scores, the one with the higher hold-out ROC AUC (<see cref="ModelChoice"/>: the
/// hold-out is the latest leads), hold-out metrics and reliability table, and the publish gate (<see cref="PublishGate"/>).
/// The rules are Beacon.Learning's, so <c>model eval</c> reports what this class would decide.
/// </summary>
internal static class ModelBuilder
{
    public static ModelTrainingOptions TrainingOptions(int seed, ModelKind kind = ModelKind.GradientBoosting) => new()
    {
        Kind = kind,
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
        var trainData = new Dataset(pipeline.Schema, columns, trainLabels);
        var trees = ModelTrainer.Train(trainData, TrainingOptions(s.Seed), ct);
        var logistic = ModelTrainer.Train(trainData, TrainingOptions(s.Seed, ModelKind.Logistic), ct);
        var treeProbs = new double[hold.Length];
        var logisticProbs = new double[hold.Length];
        for (var r = 0; r < hold.Length; r++)
        {
            pipeline.Encode(rows.Facts[hold[r]], row);
            treeProbs[r] = trees.PredictProbability(row);
            logisticProbs[r] = logistic.PredictProbability(row);
        }

        var choice = ModelChoice.Pick(holdLabels, treeProbs, logisticProbs);
        var (model, probs) = choice.Kind == ModelKind.Logistic ? (logistic, logisticProbs) : (trees, treeProbs);
        var metrics = MetricReport.Compute(holdLabels, probs);
        var verdict = PublishGate.Judge(holdLabels, probs, s.MinHoldoutAuc);
        var report = new HoldoutReport(metrics, verdict.Lower, verdict.Upper, Reliability.Table(holdLabels, probs, 10));
        var picked = string.Create(CultureInfo.InvariantCulture,
            $" Kept {choice.Name} (hold-out ROC AUC gbt {choice.TreesAuc:0.0000}, logistic {choice.LogisticAuc:0.0000}).");
        var reason = (verdict.Passed ? $"Hold-out {verdict.Reason}" : $"Refused: hold-out {verdict.Reason}") + picked;
        return new BuildResult(verdict.Passed, reason, model, pipeline, report, train.Length, hold.Length, pos, neg, probs, holdLabels, choice);

        BuildResult Refused(string why) => new(false, why, null, null, null, 0, 0, pos, neg, [], []);
    }
}
