using Beacon.Enrichment.Providers;
using Beacon.SharedKernel.Database;
using Dapper;

namespace Beacon.Enrichment.Data;

/// <summary>
/// A provider's fields for a lead, replacing what that provider said before. A field a person typed on the lead
/// (<see cref="TypedValues"/>) is never replaced: a different provider value is recorded as a conflict instead.
/// </summary>
internal static class Fields
{
    public static async Task<IReadOnlyList<string>> ReplaceAsync(TenantTransaction tx, Guid leadId, string provider,
        IReadOnlyList<EnrichedField> fields, IReadOnlyDictionary<string, string> typed, DateTimeOffset fetchedAt,
        DateTimeOffset expiresAt, DateTimeOffset now, CancellationToken ct)
    {
        var kept = new List<EnrichedField>(fields.Count);
        var conflicts = new List<(string Field, string Typed, string Value)>();
        foreach (var f in fields)
        {
            if (typed.TryGetValue(f.Name, out var typedValue) && !string.IsNullOrWhiteSpace(typedValue))
            {
                if (!string.Equals(typedValue.Trim(), f.Value, StringComparison.OrdinalIgnoreCase))
                {
                    conflicts.Add((f.Name, typedValue.Trim(), f.Value));
                }

                continue;
            }

            kept.Add(f);
        }

        await tx.Connection.ExecuteAsync(new CommandDefinition("""
            DELETE FROM enrichment.fields WHERE tenant_id = @tenant AND lead_id = @leadId AND provider = @provider;
            DELETE FROM enrichment.conflicts WHERE tenant_id = @tenant AND lead_id = @leadId AND provider = @provider;
            INSERT INTO enrichment.fields (tenant_id, lead_id, field, provider, value, confidence, fetched_at, expires_at)
            SELECT @tenant, @leadId, f, @provider, v, c, @fetchedAt, @expiresAt
            FROM unnest(@names::text[], @values::text[], @confidences::real[]) AS u(f, v, c)
            ON CONFLICT (tenant_id, lead_id, field) DO NOTHING;
            INSERT INTO enrichment.conflicts (tenant_id, lead_id, field, provider, typed_value, provider_value, recorded_at)
            SELECT @tenant, @leadId, f, @provider, t, v, @now FROM unnest(@cNames::text[], @cTyped::text[], @cValues::text[]) AS u(f, t, v)
            ON CONFLICT (tenant_id, lead_id, field) DO UPDATE SET typed_value = excluded.typed_value,
                provider_value = excluded.provider_value, recorded_at = excluded.recorded_at;
            """,
            new
            {
                tenant = tx.TenantId,
                leadId,
                provider,
                fetchedAt,
                expiresAt,
                now,
                names = kept.Select(f => f.Name).ToArray(),
                values = kept.Select(f => f.Value).ToArray(),
                confidences = kept.Select(f => (float)f.Confidence).ToArray(),
                cNames = conflicts.Select(c => c.Field).ToArray(),
                cTyped = conflicts.Select(c => c.Typed).ToArray(),
                cValues = conflicts.Select(c => c.Value).ToArray(),
            }, tx.Transaction, cancellationToken: ct));
        return kept.Select(f => f.Name).ToList();
    }

    public static Task ClearAsync(TenantTransaction tx, Guid leadId, string provider, CancellationToken ct) =>
        tx.Connection.ExecuteAsync(new CommandDefinition("""
            DELETE FROM enrichment.fields WHERE tenant_id = @tenant AND lead_id = @leadId AND provider = @provider;
            DELETE FROM enrichment.conflicts WHERE tenant_id = @tenant AND lead_id = @leadId AND provider = @provider;
            """, new { tenant = tx.TenantId, leadId, provider }, tx.Transaction, cancellationToken: ct));
}
