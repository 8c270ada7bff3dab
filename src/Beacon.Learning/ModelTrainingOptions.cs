using Beacon.Learning.Boosting;
using Beacon.Learning.Linear;

namespace Beacon.Learning;

public enum ModelKind
{
    GradientBoosting,
    Logistic,
}

public enum CalibrationMethod
{
    None,
    Isotonic,
    Platt,
}

/// <summary>Which boosted model is kept after the inner folds.</summary>
public enum FinalModel
{
    /// <summary>The mean of the fold models (each early-stopped on its own held-out fold).</summary>
    FoldAverage,

    /// <summary>One model refitted on all training rows with the fold models' mean tree count.</summary>
    Refit,

    /// <summary>The mean of the fold models and the refitted model.</summary>
    FoldAverageAndRefit,
}

/// <summary>How <see cref="ModelTrainer"/> fits a model from training rows only.</summary>
public sealed record ModelTrainingOptions
{
    public ModelKind Kind { get; init; } = ModelKind.GradientBoosting;

    public GbtOptions Gbt { get; init; } = new();

    /// <summary>Another boosted-tree engine in place of Beacon's own (null = <see cref="GbtTrainer"/> with <see cref="Gbt"/>).</summary>
    public ITreeTrainer? Trees { get; init; }

    public LogisticOptions Logistic { get; init; } = new();

    /// <summary>Inner folds of the training rows: each gives early stopping and out-of-fold scores for calibration.</summary>
    public int InnerFolds { get; init; } = 5;

    public CalibrationMethod Calibration { get; init; } = CalibrationMethod.Isotonic;

    public FinalModel Final { get; init; } = FinalModel.FoldAverage;

    public int Seed { get; init; } = 42;
}
