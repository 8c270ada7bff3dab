using Beacon.Contracts.Leads;
using Beacon.Enrichment.Providers;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Messaging;
using Microsoft.Extensions.Options;

namespace Beacon.Enrichment.Pipeline;

/// <summary>A chunk of an import's leads whose enrichment starts in one job.</summary>
internal sealed record EnrichChunkPayload(Guid ImportId, IReadOnlyList<Guid> LeadIds);

/// <summary>
/// Imports (and the demo seed) publish one <c>lead.imported</c>, never a <c>lead.created</c> per lead: this fans the
/// batch out as bulk-lane jobs of <c>BulkChunkSize</c> leads, due one after another at <c>BulkLeadsPerSecond</c>.
/// </summary>
internal sealed class EnrichImportedLeads(Dispatcher dispatcher, ILeadSnapshots snapshots, IOptions<EnrichmentOptions> options,
    TimeProvider clock) : IEventHandler<LeadImported>
{
    public const string Name = "enrichment.enrich-imported";

    public async Task HandleAsync(LeadImported e, TenantTransaction tx, CancellationToken ct)
    {
        if (e.Status is not ("completed" or "demo") || !dispatcher.AnyEnabled)
        {
            return;
        }

        var o = options.Value;
        var ids = await snapshots.ImportedLeadIdsAsync(tx.TenantId, e.ImportId, ct);
        var spacing = TimeSpan.FromSeconds((double)o.BulkChunkSize / o.BulkLeadsPerSecond);
        var now = clock.GetUtcNow();
        var k = 0;
        foreach (var chunk in ids.Chunk(o.BulkChunkSize))
        {
            tx.Enqueue(EnrichChunkJob.Name, new EnrichChunkPayload(e.ImportId, chunk), now + (spacing * k++));
        }
    }
}

/// <summary>
/// Starts every provider step of a chunk's leads through the <see cref="Dispatcher"/>, exactly as a capture's
/// <c>lead.created</c> does: objection, consent, input, cache, breaker, rate and budget decide each step.
/// </summary>
internal sealed class EnrichChunkJob(Dispatcher dispatcher, ILeadSnapshots snapshots) : IJobHandler<EnrichChunkPayload>
{
    public const string Name = "enrichment.enrich-chunk";

    public async Task HandleAsync(EnrichChunkPayload payload, JobInfo job, TenantTransaction tx, CancellationToken ct)
    {
        if (!dispatcher.AnyEnabled)
        {
            return;
        }

        foreach (var lead in await snapshots.GetManyAsync(tx.TenantId, payload.LeadIds, 0, ct))
        {
            foreach (var provider in ProviderNames.All)
            {
                await dispatcher.DispatchAsync(tx, lead.LeadId, provider, null, false, ct, lead);
            }
        }
    }
}
