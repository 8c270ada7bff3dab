using Beacon.Contracts.Leads;
using Beacon.Scoring.Features;

namespace Beacon.Scoring.Training;

/// <summary>
/// Matured leads as training rows, oldest first: closed = converted (1), lost = not (0); nurture and open leads are
/// not outcomes yet. Facts are taken as of the horizon after capture (or now), from the same extractor as live scores.
/// </summary>
internal sealed record TrainingRows(IReadOnlyList<LeadFacts> Facts, double[] Labels, DateTimeOffset[] CreatedAt, Guid[] LeadIds)
{
    public int Count => Labels.Length;

    public int Positives => Labels.Count(l => l > 0.5);

    public int Negatives => Count - Positives;

    public static TrainingRows From(IEnumerable<(LeadSnapshot Lead, Contracts.Enrichment.EnrichmentFacts? Enrichment)> leads,
        DateTimeOffset now, int horizonDays, int minAgeDays)
    {
        var rows = leads
            .Where(x => x.Lead.Stage is "closed" or "lost" && x.Lead.CreatedAt <= now.AddDays(-minAgeDays))
            .OrderBy(x => x.Lead.CreatedAt).ThenBy(x => x.Lead.LeadId)
            .ToList();
        return new TrainingRows(
            [.. rows.Select(x => FactExtractor.Extract(x.Lead, x.Enrichment, now, horizonDays))],
            [.. rows.Select(x => x.Lead.Stage == "closed" ? 1.0 : 0.0)],
            [.. rows.Select(x => x.Lead.CreatedAt)],
            [.. rows.Select(x => x.Lead.LeadId)]);
    }
}
