using Beacon.Contracts.Enrichment;
using Beacon.SharedKernel.Database;
using Dapper;

namespace Beacon.Enrichment.Api;

/// <summary>Scoring's view: every unexpired field as invariant text, and whether a provider is still working.</summary>
internal sealed class EnrichmentFactsReader(Db db, TimeProvider clock) : IEnrichmentFacts
{
    public async Task<EnrichmentFacts> GetAsync(Guid tenantId, Guid leadId, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(tenantId, ct);
        await using var grid = await conn.QueryMultipleAsync(new CommandDefinition("""
            SELECT field, value FROM enrichment.fields WHERE tenant_id = @tenantId AND lead_id = @leadId AND expires_at > @now;
            SELECT EXISTS (SELECT 1 FROM enrichment.runs WHERE tenant_id = @tenantId AND lead_id = @leadId AND state = 'pending');
            """, new { tenantId, leadId, now = clock.GetUtcNow() }, cancellationToken: ct));
        var fields = (await grid.ReadAsync<(string Field, string Value)>()).ToDictionary(f => f.Field, f => f.Value, StringComparer.Ordinal);
        var pending = await grid.ReadSingleAsync<bool>();
        return new EnrichmentFacts(leadId, fields, pending);
    }
}
