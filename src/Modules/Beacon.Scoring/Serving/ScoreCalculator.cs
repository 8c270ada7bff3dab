using Beacon.Scoring.Features;
using Beacon.Scoring.Rules;
using Microsoft.Extensions.Options;

namespace Beacon.Scoring.Serving;

/// <summary>
/// Scores facts with a model (calibrated probability, reasons from the TreeSHAP contributions to the log-odds) or
/// with the scorecard (reasons from its points). Three reasons up and three down, strongest first.
/// </summary>
internal sealed class ScoreCalculator(IOptions<ScoringOptions> options)
{
    private const int ReasonsPerSide = 3;
    private readonly Scorecard _scorecard = new(options.Value.Scorecard);

    public ScoreResult Rules(LeadFacts facts)
    {
        var (p, lines) = _scorecard.Score(facts);
        var reasons = Pick(lines.Select(l => (l.Feature, l.Points)), facts, null);
        return new ScoreResult(p, options.Value.GradeOf(p), reasons, null, "rules",
            facts.EnrichmentPending ? "low" : "medium", null);
    }

    public ScoreResult Model(LoadedModel model, LeadFacts facts)
    {
        var n = model.Pipeline.Features.Count;
        var row = new double[n];
        model.Pipeline.Encode(facts, row);
        var p = model.Model.PredictProbability(row);
        Span<double> phi = n <= 64 ? stackalloc double[n] : new double[n];
        model.Model.Contributions(row, phi);
        var contributions = new (string, double)[n];
        for (var i = 0; i < n; i++)
        {
            contributions[i] = (model.Pipeline.Features[i], phi[i]);
        }

        var reasons = Pick(contributions, facts, model.Pipeline);
        return new ScoreResult(p, options.Value.GradeOf(p), reasons, model.Version, "model",
            facts.EnrichmentPending ? "medium" : "high", row);
    }

    public static double Predict(LoadedModel model, LeadFacts facts)
    {
        Span<double> row = stackalloc double[model.Pipeline.Features.Count];
        model.Pipeline.Encode(facts, row);
        return model.Model.PredictProbability(row);
    }

    private static List<ScoreReason> Pick(IEnumerable<(string Feature, double Weight)> weights, LeadFacts facts,
        FeaturePipeline? pipeline)
    {
        var all = weights.Where(w => Math.Abs(w.Weight) >= 1e-3).ToList();
        var up = all.Where(w => w.Weight > 0).OrderByDescending(w => w.Weight).Take(ReasonsPerSide);
        var down = all.Where(w => w.Weight < 0).OrderBy(w => w.Weight).Take(ReasonsPerSide);
        return [.. up.Concat(down).Select(w => new ScoreReason(ReasonWriter.Describe(w.Feature, facts, pipeline),
            w.Weight > 0 ? "up" : "down", Math.Round(w.Weight, 4), w.Feature))];
    }
}
