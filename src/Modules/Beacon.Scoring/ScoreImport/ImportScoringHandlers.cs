using Beacon.Contracts.Billing;
using Beacon.Contracts.Leads;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Messaging;
using Microsoft.Extensions.Options;

namespace Beacon.Scoring.ScoreImport;

/// <summary>A chunk of an import's leads to score in one job.</summary>
internal sealed record ScoreChunkPayload(Guid ImportId, IReadOnlyList<Guid> LeadIds);

/// <summary>
/// Imports (and the demo seed) publish one <c>lead.imported</c>, never a <c>lead.created</c> per lead: this fans the
/// batch out as one bulk-lane job per chunk of lead ids, so every imported lead is scored without crowding captures.
/// </summary>
internal sealed class ScoreImportedLeads(ILeadSnapshots snapshots, IOptions<ScoringOptions> options) : IEventHandler<LeadImported>
{
    public const string Name = "scoring.score-imported";

    public async Task HandleAsync(LeadImported e, TenantTransaction tx, CancellationToken ct)
    {
        if (e.Status is not ("completed" or "demo"))
        {
            return;
        }

        var ids = await snapshots.ImportedLeadIdsAsync(tx.TenantId, e.ImportId, ct);
        foreach (var chunk in ids.Chunk(options.Value.BulkChunkSize))
        {
            tx.Enqueue(ScoreChunkJob.Name, new ScoreChunkPayload(e.ImportId, chunk));
        }
    }
}

internal sealed class ScoreChunkJob(BulkScorer scorer, TimeProvider clock) : IJobHandler<ScoreChunkPayload>
{
    public const string Name = "scoring.score-chunk";

    public async Task HandleAsync(ScoreChunkPayload payload, JobInfo job, TenantTransaction tx, CancellationToken ct)
    {
        var scored = await scorer.ScoreAsync(tx, payload.LeadIds, ct);
        // Bulk scoring publishes no per-lead lead.scored, so billing is told per chunk; the job's message id keys the
        // usage, so a chunk that runs again after a rollback or crash is counted once.
        if (scored > 0)
        {
            tx.Publish(new UsageRecorded(Guid.CreateVersion7(), tx.TenantId, clock.GetUtcNow(), UsageMeters.LeadsScored, scored, "import",
                $"scoring-chunk:{job.MessageId}"));
        }
    }
}
