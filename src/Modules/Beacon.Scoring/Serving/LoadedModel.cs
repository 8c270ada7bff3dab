using Beacon.Learning;
using Beacon.Scoring.Features;

namespace Beacon.Scoring.Serving;

/// <summary>A registered model version ready to score: the learned model and the feature pipeline it was trained with.</summary>
internal sealed record LoadedModel(int Version, ScoringModel Model, FeaturePipeline Pipeline);
