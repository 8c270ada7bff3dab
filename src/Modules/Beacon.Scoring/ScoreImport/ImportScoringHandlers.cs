using Beacon.Contracts.Leads;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Messaging;
using Microsoft.Extensions.Options;

namespace Beacon.Scoring.ScoreImport;

/// <summary>A chunk of an import's leads to score in one job.</summary>
internal sealed record ScoreChunkPayload(Guid ImportId, IReadOnlyList<Guid> LeadIds);

/// <summary>
/// Imports publish no <c>lead.created</c> per lead: each committed import chunk (<c>lead.import_chunk</c>) and the
/// demo seed (<c>lead.imported</c>, status demo) are fanned out as one bulk-lane job per chunk of lead ids, so every
/// imported lead is scored — while the import goes on — without crowding captures.
/// </summary>
internal sealed class ScoreImportedLeads(ILeadSnapshots snapshots, IOptions<ScoringOptions> options)
    : IEventHandler<LeadImported>, IEventHandler<LeadImportChunk>
{
    public const string Name = "scoring.score-imported";
    public const string ChunkName = "scoring.score-import-chunk";

    public Task HandleAsync(LeadImportChunk e, TenantTransaction tx, CancellationToken ct) =>
        EnqueueAsync(tx, e.ImportId, e.FirstRow, e.LastRow, ct);

    /// <summary>A real import's leads were scored chunk by chunk already; the demo seed has no chunks.</summary>
    public Task HandleAsync(LeadImported e, TenantTransaction tx, CancellationToken ct) =>
        e.Status == "demo" ? EnqueueAsync(tx, e.ImportId, null, null, ct) : Task.CompletedTask;

    private async Task EnqueueAsync(TenantTransaction tx, Guid importId, long? firstRow, long? lastRow, CancellationToken ct)
    {
        var ids = await snapshots.ImportedLeadIdsAsync(tx.TenantId, importId, firstRow, lastRow, ct);
        foreach (var chunk in ids.Chunk(options.Value.BulkChunkSize))
        {
            tx.Enqueue(ScoreChunkJob.Name, new ScoreChunkPayload(importId, chunk));
        }
    }
}

internal sealed class ScoreChunkJob(BulkScorer scorer) : IJobHandler<ScoreChunkPayload>
{
    public const string Name = "scoring.score-chunk";

    public Task HandleAsync(ScoreChunkPayload payload, JobInfo job, TenantTransaction tx, CancellationToken ct) =>
        scorer.ScoreAsync(tx, payload.LeadIds, ct);
}
