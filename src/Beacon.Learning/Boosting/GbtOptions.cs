namespace Beacon.Learning.Boosting;

/// <summary>Hyper-parameters of the histogram gradient-boosted trees (binary log-loss).</summary>
public sealed record GbtOptions
{
    public int Iterations { get; init; } = 300;

    public double LearningRate { get; init; } = 0.05;

    public int MaxDepth { get; init; } = 6;

    public int MaxLeaves { get; init; } = 31;

    public int MinSamplesLeaf { get; init; } = 20;

    /// <summary>Minimum sum of hessians in a child (guards against leaves of near-certain rows).</summary>
    public double MinChildWeight { get; init; } = 1e-3;

    public double L2 { get; init; } = 1.0;

    public double MinSplitGain { get; init; }

    /// <summary>Fraction of rows drawn (without replacement) for each tree.</summary>
    public double RowSubsample { get; init; } = 1.0;

    /// <summary>Fraction of features offered to each tree.</summary>
    public double FeatureSubsample { get; init; } = 1.0;

    public int MaxBins { get; init; } = 255;

    /// <summary>Stop when validation log loss has not improved for this many rounds (0 = off).</summary>
    public int EarlyStoppingRounds { get; init; } = 30;

    /// <summary>Categories seen fewer times in training share one "other" bin.</summary>
    public int MinCategoryCount { get; init; } = 10;

    /// <summary>Smoothing added to the hessian when categories are ordered by gradient (LightGBM's cat_smooth).</summary>
    public double CategorySmoothing { get; init; } = 10.0;

    /// <summary>Most categories that may go to one side of a categorical split.</summary>
    public int MaxCategoriesPerSplit { get; init; } = 32;

    /// <summary>Features with at most this many categories in a node try each category alone against the rest.</summary>
    public int OneVsRestMaxCategories { get; init; } = 4;

    /// <summary>Extra L2 on categorical splits (LightGBM's cat_l2): they overfit more easily.</summary>
    public double CategoryL2 { get; init; } = 10.0;

    public int Seed { get; init; } = 42;

    /// <summary>Threads for histogram building; results do not depend on it.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    public void Validate()
    {
        if (Iterations < 1 || LearningRate <= 0 || MaxDepth < 1 || MaxLeaves < 2 || MinSamplesLeaf < 1 || L2 < 0 ||
            RowSubsample is <= 0 or > 1 || FeatureSubsample is <= 0 or > 1 || MaxBins is < 2 or > 255)
        {
            throw new ArgumentException($"Invalid gradient-boosting options: {this}");
        }
    }
}
