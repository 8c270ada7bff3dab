namespace Beacon.Learning.Evaluation;

/// <summary>The fixed hyper-parameters the evaluation uses (not tuned on any test rows).</summary>
internal static class EvalModels
{
    public static ModelTrainingOptions Options(EvalArguments a) => new()
    {
        Kind = a.Model == "logistic" ? ModelKind.Logistic : ModelKind.GradientBoosting,
        Seed = a.Seed,
        InnerFolds = a.InnerFolds,
        Gbt = GbtOverrides.Apply(new Boosting.GbtOptions { Seed = a.Seed }, a.Gbt),
        Calibration = a.Calibration switch
        {
            "platt" => CalibrationMethod.Platt,
            "none" => CalibrationMethod.None,
            _ => CalibrationMethod.Isotonic,
        },
    };
}
