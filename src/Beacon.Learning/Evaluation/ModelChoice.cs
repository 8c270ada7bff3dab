using Beacon.Learning.Metrics;

namespace Beacon.Learning.Evaluation;

/// <summary>Which of the two candidate models a tenant gets, and the ROC AUC each reached on the latest fold.</summary>
public sealed record ModelPick(ModelKind Kind, double TreesAuc, double LogisticAuc)
{
    public string Name => ModelChoice.Name(Kind);
}

/// <summary>
/// Chooses between boosted trees (the default) and logistic regression by their ROC AUC on the most recent rows held
/// out from both. Under drift the latest period is the best evidence of what comes next, and trees cannot extrapolate
/// beyond the values they were trained on, while a line can: so the latest fold decides, not the default. A tie (or no
/// evidence) keeps the trees. Scoring's training and <c>model eval --split temporal</c> both use this rule.
/// </summary>
public static class ModelChoice
{
    public static ModelPick Pick(double[] latestLabels, double[] trees, double[] logistic)
    {
        var t = ClassificationMetrics.RocAuc(latestLabels, trees);
        var l = ClassificationMetrics.RocAuc(latestLabels, logistic);
        return new ModelPick(l > t ? ModelKind.Logistic : ModelKind.GradientBoosting, t, l);
    }

    public static string Name(ModelKind kind) => kind == ModelKind.Logistic ? "logistic" : "gbt";
}
