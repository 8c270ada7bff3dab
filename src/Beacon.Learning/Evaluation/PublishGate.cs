using System.Globalization;
using Beacon.Learning.Metrics;

namespace Beacon.Learning.Evaluation;

/// <summary>A model's ROC AUC on rows it never saw, its DeLong 95 % interval, and whether it may be published.</summary>
public sealed record GateVerdict(bool Passed, double Auc, double Lower, double Upper, double MinAuc)
{
    /// <summary>One sentence, e.g. "ROC AUC 0.8656 (95 % interval 0.8480–0.8832) passes the publish gate (…)".</summary>
    public string Reason => Passed
        ? string.Create(CultureInfo.InvariantCulture, $"ROC AUC {Auc:0.0000} (95 % interval {Lower:0.0000}–{Upper:0.0000}) passes the publish gate (ROC AUC ≥ {MinAuc:0.00###} and a 95 % lower bound > 0.5).")
        : string.Create(CultureInfo.InvariantCulture, $"ROC AUC {Auc:0.0000} (95 % interval {Lower:0.0000}–{Upper:0.0000}) is not better than chance (needs ROC AUC ≥ {MinAuc:0.00###} and a 95 % lower bound > 0.5).");
}

/// <summary>
/// The publish gate, shared by Scoring's training and <c>model eval</c> so both judge a model by one rule: the ROC AUC
/// on held-out rows must reach the floor and its two-sided 95 % DeLong lower bound must be above 0.5 (chance).
/// </summary>
public static class PublishGate
{
    /// <summary>The floor's default (Scoring's <c>MinHoldoutAuc</c>, <c>model eval --min-auc</c>).</summary>
    public const double DefaultMinAuc = 0.55;

    public static GateVerdict Judge(IReadOnlyList<double> labels, IReadOnlyList<double> scores, double minAuc)
    {
        var (auc, lower, upper) = DeLong.Interval(labels, scores);

        // NaN (fewer than two rows of a class) fails both comparisons: no evidence is not a pass.
        return new GateVerdict(auc >= minAuc && lower > 0.5, auc, lower, upper, minAuc);
    }
}
