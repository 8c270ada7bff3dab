namespace Beacon.Learning.LightGbm;

/// <summary>
/// LightGBM's hyper-parameters, set to mirror the evaluation's boosting options (EvalModels.Gbt) one for one, so the
/// comparison is of engines, not of settings: 8 leaves, depth 4, learning rate 0.025, row and feature subsampling 0.8,
/// 20 rows per leaf, L2 1, early stopping after 30 rounds without a better validation log loss.
/// </summary>
public sealed record LightGbmOptions
{
    public int Iterations { get; init; } = 1000;

    public double LearningRate { get; init; } = 0.025;

    public int MaxLeaves { get; init; } = 8;

    public int MaxDepth { get; init; } = 4;

    public int MinSamplesLeaf { get; init; } = 20;

    public double MinChildWeight { get; init; } = 1e-3;

    public double L2 { get; init; } = 1.0;

    public double RowSubsample { get; init; } = 0.8;

    public double FeatureSubsample { get; init; } = 0.8;

    public int MaxBins { get; init; } = 255;

    public int EarlyStoppingRounds { get; init; } = 30;

    /// <summary>A category gets its own one-hot column only when seen this often in training (as Beacon's MinCategoryCount).</summary>
    public int MinCategoryCount { get; init; } = 10;

    /// <summary>
    /// One thread: LightGBM's OpenMP threads spin while they wait for each other, and on the shared 2-core machine two
    /// threads took 10× the CPU of one (docs/benchmarks.md, "scoring").
    /// </summary>
    public int Threads { get; init; } = 1;
}
