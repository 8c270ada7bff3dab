using Beacon.Contracts.Leads;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Messaging;

namespace Beacon.Conversions.Projection;

/// <summary>A chunk of an import's leads whose facts to project in one job.</summary>
internal sealed record ImportedChunk(DateTimeOffset At, IReadOnlyList<Guid> LeadIds);

/// <summary>
/// An import's one <c>lead.imported</c> fans out as one bulk-lane job per chunk of leads, as scoring's does. In one
/// transaction, the facts of 18,000 leads outgrew a job's time budget on a loaded machine and were cut off and retried
/// again and again (<c>./beacon bench faults --scenario import-kill</c>); a chunk is a few seconds' work.
/// </summary>
internal sealed class ImportedLeadsProjection(ILeadSnapshots snapshots) : IEventHandler<LeadImported>
{
    public const string Name = "conversions.lead-imported";

    private const int Chunk = 500;

    public async Task HandleAsync(LeadImported e, TenantTransaction tx, CancellationToken ct)
    {
        foreach (var chunk in (await snapshots.ImportedLeadIdsAsync(tx.TenantId, e.ImportId, ct)).Chunk(Chunk))
        {
            tx.Enqueue(ImportedChunkProjection.Name, new ImportedChunk(e.OccurredAt, chunk));
        }
    }
}

/// <summary>One read of a chunk's leads, then each lead's facts under its lock, as a capture's event would leave them.</summary>
internal sealed class ImportedChunkProjection(ILeadSnapshots snapshots) : IJobHandler<ImportedChunk>
{
    public const string Name = "conversions.project-imported-chunk";

    public async Task HandleAsync(ImportedChunk payload, JobInfo job, TenantTransaction tx, CancellationToken ct)
    {
        foreach (var lead in await snapshots.GetManyAsync(tx.TenantId, payload.LeadIds, 0, ct))
        {
            await LeadFacts.LockAsync(tx, lead.LeadId, ct);
            await LeadProjection.ApplyAsync(tx, lead, payload.At, ct);
        }
    }
}
