using Beacon.Learning.Boosting;
using Beacon.Learning.Calibration;
using Beacon.Learning.Data;
using Beacon.Learning.Evaluation;
using Beacon.Learning.Linear;

namespace Beacon.Learning;

/// <summary>
/// The training protocol. The training rows are split into stratified inner folds; for boosted trees each fold's
/// model early-stops on its held-out fold and the final model averages the fold models (one ensemble). The
/// out-of-fold raw scores, never seen by the model that made them, fit the calibrator.
/// </summary>
public static class ModelTrainer
{
    public static ScoringModel Train(Dataset train, ModelTrainingOptions options, CancellationToken cancellationToken = default) =>
        TrainDetailed(train, options, cancellationToken).Model;

    /// <summary>Also returns the out-of-fold raw scores of the training rows (for model selection on training rows only).</summary>
    public static TrainedModel TrainDetailed(Dataset train, ModelTrainingOptions options, CancellationToken cancellationToken = default)
    {
        var folds = Splits.StratifiedFolds(train.Labels, options.InnerFolds, options.Seed);
        var oof = new double[train.RowCount];
        var members = new List<TreeEnsemble>();
        var trees = new List<int>();
        for (var k = 0; k < options.InnerFolds; k++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var fit = Enumerable.Range(0, train.RowCount).Where(i => folds[i] != k).ToArray();
            var held = Enumerable.Range(0, train.RowCount).Where(i => folds[i] == k).ToArray();
            var heldData = train.Subset(held);
            IRawScorer scorer = options.Kind == ModelKind.GradientBoosting
                ? FoldTrees(train.Subset(fit), heldData, options, k, cancellationToken)
                : LogisticTrainer.Train(train.Subset(fit), options.Logistic);
            if (scorer is TreeEnsemble ensemble)
            {
                members.Add(ensemble);
                trees.Add(ensemble.TreeCount);
            }

            var row = new double[train.FeatureCount];
            for (var i = 0; i < held.Length; i++)
            {
                heldData.CopyRow(i, row);
                oof[held[i]] = scorer.PredictRaw(row);
            }
        }

        IRawScorer final = options.Kind == ModelKind.GradientBoosting
            ? FinalEnsemble(train, options, members, cancellationToken)
            : LogisticTrainer.Train(train, options.Logistic);
        ICalibrator calibrator = options.Calibration switch
        {
            CalibrationMethod.Isotonic => IsotonicCalibrator.Fit(oof, train.Labels),
            CalibrationMethod.Platt => PlattCalibrator.Fit(oof, train.Labels),
            _ => IdentityCalibrator.Instance,
        };
        return new TrainedModel(new ScoringModel(train.Schema, final, calibrator), oof, trees);
    }

    private static TreeEnsemble FoldTrees(Dataset fit, Dataset held, ModelTrainingOptions options, int k,
        CancellationToken cancellationToken) => options.Trees is { } engine
        ? engine.Train(fit, held, options.Gbt.Seed + k, cancellationToken)
        : GbtTrainer.Train(fit, options.Gbt with { Seed = options.Gbt.Seed + k }, held, cancellationToken);

    private static TreeEnsemble FinalEnsemble(Dataset train, ModelTrainingOptions options, List<TreeEnsemble> members,
        CancellationToken cancellationToken)
    {
        if (options.Final == FinalModel.FoldAverage)
        {
            return TreeEnsemble.Average(members);
        }

        if (options.Trees is not null)
        {
            // A refit needs the engine to train a fixed number of trees without a held fold; only the fold average is wired.
            throw new ArgumentException($"{options.Trees.Name} supports only the fold average as the final model.");
        }

        var trees = (int)Math.Round(members.Average(m => m.TreeCount));
        var refit = GbtTrainer.Train(train, options.Gbt with { Iterations = trees, EarlyStoppingRounds = 0 }, null, cancellationToken);
        return options.Final == FinalModel.Refit ? refit : TreeEnsemble.Average([.. members, refit]);
    }
}

/// <summary>A trained model with the out-of-fold raw scores of its training rows and each fold model's tree count.</summary>
public sealed record TrainedModel(ScoringModel Model, double[] OutOfFoldRaw, IReadOnlyList<int> FoldTreeCounts);
