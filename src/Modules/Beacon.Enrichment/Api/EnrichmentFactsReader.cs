using Beacon.Contracts.Enrichment;
using Beacon.SharedKernel.Database;
using Dapper;

namespace Beacon.Enrichment.Api;

/// <summary>Scoring's view: every unexpired field as invariant text, and whether a provider is still working.</summary>
internal sealed class EnrichmentFactsReader(Db db, TimeProvider clock) : IEnrichmentFacts
{
    public async Task<EnrichmentFacts> GetAsync(Guid tenantId, Guid leadId, CancellationToken ct) =>
        (await GetManyAsync(tenantId, [leadId], ct))[leadId];

    public async Task<IReadOnlyDictionary<Guid, EnrichmentFacts>> GetManyAsync(Guid tenantId, IReadOnlyList<Guid> leadIds,
        CancellationToken ct)
    {
        var ids = leadIds.ToArray();
        await using var conn = await db.OpenAsync(tenantId, ct);
        await using var grid = await conn.QueryMultipleAsync(new CommandDefinition("""
            SELECT lead_id, field, value FROM enrichment.fields WHERE tenant_id = @tenantId AND lead_id = ANY(@ids) AND expires_at > @now;
            SELECT DISTINCT lead_id FROM enrichment.runs WHERE tenant_id = @tenantId AND lead_id = ANY(@ids) AND state = 'pending';
            """, new { tenantId, ids, now = clock.GetUtcNow() }, cancellationToken: ct));
        var fields = (await grid.ReadAsync<(Guid LeadId, string Field, string Value)>()).ToLookup(f => f.LeadId);
        var pending = (await grid.ReadAsync<Guid>()).ToHashSet();
        return ids.Distinct().ToDictionary(id => id, id => new EnrichmentFacts(id,
            fields[id].ToDictionary(f => f.Field, f => f.Value, StringComparer.Ordinal), pending.Contains(id)));
    }
}
