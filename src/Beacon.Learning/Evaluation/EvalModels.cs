namespace Beacon.Learning.Evaluation;

/// <summary>The fixed hyper-parameters the evaluation uses (not tuned on any test rows).</summary>
internal static class EvalModels
{
    /// <summary>
    /// Small, shallow trees with row and feature subsampling: chosen by the inner-CV ROC AUC of the training rows of
    /// Leads.csv (see docs/learning-evaluation.md), never by test rows.
    /// </summary>
    public static Boosting.GbtOptions Gbt { get; } = new()
    {
        Iterations = 1000,
        LearningRate = 0.025,
        MaxLeaves = 8,
        MaxDepth = 4,
        MaxCategoriesPerSplit = 1,
        RowSubsample = 0.8,
        FeatureSubsample = 0.8,
    };

    public static ModelTrainingOptions Options(EvalArguments a) => new()
    {
        Kind = a.Model == "logistic" ? ModelKind.Logistic : ModelKind.GradientBoosting,
        Seed = a.Seed,
        InnerFolds = a.InnerFolds,
        Gbt = GbtOverrides.Apply(Gbt with { Seed = a.Seed }, a.Gbt),
        Trees = a.Model == "lightgbm" ? a.LightGbm : null,
        Calibration = a.Calibration switch
        {
            "platt" => CalibrationMethod.Platt,
            "none" => CalibrationMethod.None,
            _ => CalibrationMethod.Isotonic,
        },
    };
}
