using Beacon.Scoring.Features;

namespace Beacon.Scoring.Serving;

/// <summary>A computed score: what is stored and served (features kept for drift monitoring).</summary>
internal sealed record ScoreResult(double Probability, string Grade, IReadOnlyList<ScoreReason> Reasons, int? ModelVersion,
    string Method, string Confidence, double[]? Features);
