using System.ComponentModel.DataAnnotations;
using Beacon.Scoring.Rules;

namespace Beacon.Scoring;

/// <summary>Scoring settings (section <c>Beacon:Scoring</c>); the scorecard's points are configurable too.</summary>
internal sealed class ScoringOptions
{
    public const string Section = "Beacon:Scoring";

    /// <summary>Fewest converted and fewest lost leads a model is trained on (Dynamics asks for 40 + 40).</summary>
    [Range(1, 100_000)]
    public int MinPositives { get; set; } = 40;

    [Range(1, 100_000)]
    public int MinNegatives { get; set; } = 40;

    /// <summary>Publish gate (Beacon.Learning's <c>PublishGate</c>): hold-out ROC AUC at least this, and its 95 % lower bound above 0.5.</summary>
    [Range(0.5, 1.0)]
    public double MinHoldoutAuc { get; set; } = Learning.Evaluation.PublishGate.DefaultMinAuc;

    /// <summary>A change of probability at least this large (or of grade) publishes <c>lead.scored</c>.</summary>
    [Range(0.0, 1.0)]
    public double MaterialChange { get; set; } = 0.02;

    /// <summary>Scoring one lead with the model (features, prediction, contributions) longer than this is logged as slow.</summary>
    [Range(1, 10_000)]
    public int SlowModelMs { get; set; } = 50;

    /// <summary>Activity after this many days from capture is not a feature (training rows and live leads alike).</summary>
    [Range(1, 3650)]
    public int HorizonDays { get; set; } = 60;

    /// <summary>Training uses matured leads at least this old (so every training lead had the full horizon).</summary>
    [Range(0, 3650)]
    public int TrainingMinAgeDays { get; set; } = 60;

    /// <summary>Retrain after this many newly matured outcomes.</summary>
    [Range(1, 1_000_000)]
    public int RetrainAfterOutcomes { get; set; } = 200;

    /// <summary>Scheduled retraining interval (a self-rescheduling queued job per tenant).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00")]
    public TimeSpan RetrainInterval { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Check the challenger against the champion after this many new outcomes.</summary>
    [Range(1, 100_000)]
    public int EvaluateEveryOutcomes { get; set; } = 25;

    /// <summary>Pre-registered promotion rule: one-sided DeLong bound on the paired AUC difference.</summary>
    [Range(0.0001, 0.5)]
    public double PromotionAlpha { get; set; } = 0.05;

    [Range(1, 100_000)]
    public int PromotionMinPositives { get; set; } = 20;

    /// <summary>Share of leads (by lead-id hash) served the challenger's score: an optional A/B split.</summary>
    [Range(0, 100)]
    public int ChallengerTrafficPercent { get; set; }

    /// <summary>Leads per bulk-lane scoring job when an import (or the demo seed) arrives: one read and one write each.</summary>
    [Range(1, 10_000)]
    public int BulkChunkSize { get; set; } = 500;

    /// <summary>"Hot leads to call today": a lead nobody has called, texted, e-mailed or met for this long (or ever).</summary>
    [Range(1, 720)]
    public int HotLeadQuietHours { get; set; } = 24;

    [Range(0.0, 10.0)]
    public double DriftThreshold { get; set; } = 0.2;

    public double GradeA { get; set; } = 0.25;

    public double GradeB { get; set; } = 0.12;

    public double GradeC { get; set; } = 0.05;

    public ScorecardOptions Scorecard { get; set; } = new();

    public string GradeOf(double probability) =>
        probability >= GradeA ? "A" : probability >= GradeB ? "B" : probability >= GradeC ? "C" : "D";
}
