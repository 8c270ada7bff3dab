using Beacon.Contracts.Enrichment;
using Beacon.Contracts.Leads;
using Beacon.Scoring.Features;
using Beacon.Scoring.Insights;
using Beacon.Scoring.Serving;
using Beacon.SharedKernel.Database;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Beacon.Scoring.ScoreImport;

/// <summary>
/// Scores a chunk of leads set-based: one read of the leads with their activities, one of their enrichment facts,
/// the live models once, then every score, shadow score and outcome written with one statement each. The served
/// score is the one <see cref="ScoreService"/> would give (model or scorecard). No per-lead <c>lead.scored</c>:
/// imports never notify per lead (the chunk's scores appear in lists and on the lead as they commit).
/// </summary>
internal sealed partial class BulkScorer(ILeadSnapshots snapshots, IServiceProvider services, ActiveModels active, ScoreService scorer,
    OutcomeRecorder outcomes, IOptions<ScoringOptions> options, TimeProvider clock, ILogger<BulkScorer> log)
{
    public async Task<int> ScoreAsync(TenantTransaction tx, IReadOnlyList<Guid> leadIds, CancellationToken ct)
    {
        var objected = await scorer.ObjectedAsync(tx, leadIds, ct);
        var leads = (await snapshots.GetManyAsync(tx.TenantId, leadIds, ScoreService.MaxActivities, ct))
            .Where(l => !objected.Contains(l.LeadId)).ToList();
        var enrichment = await EnrichmentAsync(tx.TenantId, leadIds, ct);
        var live = LiveModels.None;
        try
        {
            live = await active.GetAsync(tx, ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested && e is not OutOfMemoryException)
        {
            LogModels(log, tx.TenantId, e.Message);
        }

        var now = clock.GetUtcNow();
        var scores = new List<(Guid LeadId, Guid? AgentId, WaitingSince Wait, ScoreResult Score)>(leads.Count);
        var shadows = new List<(Guid LeadId, int Version, double Probability)>();
        foreach (var lead in leads)
        {
            var facts = FactExtractor.Extract(lead, enrichment?.GetValueOrDefault(lead.LeadId), now, options.Value.HorizonDays);
            var (served, usedChampion, usedChallenger) = scorer.Serve(tx.TenantId, lead.LeadId, facts, live);
            scores.Add((lead.LeadId, lead.AssignedTo, WaitingSince.Of(lead, ScoreService.MaxActivities), served));
            if (lead.Stage is not ("closed" or "lost"))
            {
                // As in ScoreService: shadow scores freeze once the outcome is known.
                foreach (var m in new[] { usedChampion, usedChallenger })
                {
                    if (m is not null)
                    {
                        shadows.Add((lead.LeadId, m.Version,
                            m.Version == served.ModelVersion ? served.Probability : ScoreCalculator.Predict(m, facts)));
                    }
                }
            }
        }

        var gone = leadIds.Except(leads.Select(l => l.LeadId)).ToArray();
        await BulkScoreStore.WriteAsync(tx, scores, shadows, gone, now, ct);
        await outcomes.RecordManyAsync(tx, [.. leads.Select(l => (l.LeadId, l.Stage))], now, ct);
        return scores.Count;
    }

    private async Task<IReadOnlyDictionary<Guid, EnrichmentFacts>?> EnrichmentAsync(Guid tenantId, IReadOnlyList<Guid> leadIds,
        CancellationToken ct)
    {
        if (services.GetService<IEnrichmentFacts>() is not { } enrichment)
        {
            return null;
        }

        try
        {
            return await enrichment.GetManyAsync(tenantId, leadIds, ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested && e is not OutOfMemoryException)
        {
            LogEnrichment(log, leadIds.Count, e.Message);
            return null;
        }
    }

    [LoggerMessage(LogLevel.Warning, "Bulk scoring for tenant {TenantId} could not load the live models; the scorecard serves: {Why}")]
    private static partial void LogModels(ILogger logger, Guid tenantId, string why);

    [LoggerMessage(LogLevel.Warning, "Enrichment facts of a chunk of {Count} leads unavailable: {Why}")]
    private static partial void LogEnrichment(ILogger logger, int count, string why);
}
