using System.Text.Json;
using Beacon.Enrichment.Providers;
using Beacon.SharedKernel.Database;
using Dapper;

namespace Beacon.Enrichment.Data;

/// <summary>
/// Answers per tenant (never shared across tenants: what one brokerage paid to learn about a person is its own),
/// keyed by provider and the hash of the normalised input, kept for the provider's TTL.
/// </summary>
internal static class Cache
{
    public static async Task<CachedAnswer?> FindAsync(TenantTransaction tx, string provider, string inputKey,
        DateTimeOffset now, CancellationToken ct)
    {
        var row = await tx.Connection.QuerySingleOrDefaultAsync<(string Outcome, string Fields, DateTimeOffset FetchedAt, DateTimeOffset ExpiresAt)?>(
            new CommandDefinition("""
                SELECT outcome, fields::text, fetched_at, expires_at FROM enrichment.cache
                WHERE tenant_id = @tenant AND provider = @provider AND input_key = @inputKey AND expires_at > @now
                """, new { tenant = tx.TenantId, provider, inputKey, now }, tx.Transaction, cancellationToken: ct));
        return row is not { } r
            ? null
            : new CachedAnswer(r.Outcome == "match", JsonSerializer.Deserialize<List<EnrichedField>>(r.Fields, JsonSerializerOptions.Web) ?? [],
                r.FetchedAt, r.ExpiresAt);
    }

    public static Task StoreAsync(TenantTransaction tx, string provider, string inputKey, bool match,
        IReadOnlyList<EnrichedField> fields, DateTimeOffset fetchedAt, DateTimeOffset expiresAt, Guid sourceLeadId,
        CancellationToken ct) =>
        tx.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO enrichment.cache (tenant_id, provider, input_key, outcome, fields, fetched_at, expires_at, source_lead_id)
            VALUES (@tenant, @provider, @inputKey, @outcome, @fields::jsonb, @fetchedAt, @expiresAt, @sourceLeadId)
            ON CONFLICT (tenant_id, provider, input_key) DO UPDATE SET outcome = excluded.outcome, fields = excluded.fields,
                fetched_at = excluded.fetched_at, expires_at = excluded.expires_at, source_lead_id = excluded.source_lead_id
            """,
            new
            {
                tenant = tx.TenantId,
                provider,
                inputKey,
                outcome = match ? "match" : "no_match",
                fields = JsonSerializer.Serialize(fields, JsonSerializerOptions.Web),
                fetchedAt,
                expiresAt,
                sourceLeadId,
            }, tx.Transaction, cancellationToken: ct));
}

internal sealed record CachedAnswer(bool Match, IReadOnlyList<EnrichedField> Fields, DateTimeOffset FetchedAt, DateTimeOffset ExpiresAt);
