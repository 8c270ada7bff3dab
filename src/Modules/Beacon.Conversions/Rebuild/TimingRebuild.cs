using Beacon.SharedKernel.Database;
using Dapper;

namespace Beacon.Conversions.Rebuild;

/// <summary>
/// Last part of the rebuild: the timing and attribution cells recomputed from the lead facts by the same SQL functions
/// the triggers use, and the deal cells from the closed deals (ADR 0035), in one transaction per tenant that first locks
/// the rows that count in them (touched or converted facts, closed deals), so a handler moving one of them waits and
/// then moves it between the rebuilt rows.
/// </summary>
internal sealed class TimingRebuild(Db db)
{
    private static readonly Table[] Tables =
    [
        new("timing_cells", "metric, span, dim, period, agent_id, source, band, value", "leads", "leads <> 0", """
            SELECT k.metric, k.span, k.dim, k.period, k.agent_id, k.source, k.band, k.value, count(*)::bigint AS leads
              FROM conversions.lead_facts f,
                   conversions.timing_keys(f.created_at, f.source, f.agent_id, f.first_touch_at, f.converted_at) k
             WHERE f.tenant_id = @tenant GROUP BY 1, 2, 3, 4, 5, 6, 7, 8
            """),
        new("attribution_cells", "span, dim, period, agent_id, source, touch_source", "first, last, linear",
            "first <> 0 OR last <> 0 OR linear <> 0", """
            SELECT k.span, k.dim, k.period, k.agent_id, k.source, k.touch_source, sum(k.first)::bigint AS first,
                   sum(k.last)::bigint AS last, sum(k.linear) AS linear
              FROM conversions.lead_facts f,
                   conversions.attribution_keys(f.source, f.agent_id, f.touch_sources, f.converted_at) k
             WHERE f.tenant_id = @tenant AND f.converted_at IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6
            """),
        new("deal_cells", "span, period, agent_id, lead_source, lead_agent_id, currency", "deals, volume, commission",
            "deals <> 0 OR volume <> 0 OR commission <> 0", """
            SELECT k.span, k.period, coalesce(d.agent_id, '00000000-0000-0000-0000-000000000000') AS agent_id,
                   coalesce(d.lead_source, '') AS lead_source,
                   coalesce(d.lead_agent_id, '00000000-0000-0000-0000-000000000000') AS lead_agent_id, d.currency,
                   count(*)::bigint AS deals, sum(coalesce(d.price_cents, 0))::bigint AS volume,
                   sum(coalesce(d.commission_cents, 0))::bigint AS commission
              FROM conversions.deals d
             CROSS JOIN LATERAL (VALUES ('d'::"char", d.close_date),
                                        ('m'::"char", d.close_date - (extract(day FROM d.close_date)::int - 1))) k(span, period)
             WHERE d.tenant_id = @tenant AND d.stage = 'closed' AND d.close_date IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6
            """),
    ];

    /// <returns>Rows written, and rows that were wrong before (missing, miscounted, or counting leads that are not there).</returns>
    public async Task<(long Cells, long Corrected)> RunAsync(Guid tenant, CancellationToken ct)
    {
        long cells = 0, corrected = 0;
        await using var tx = await db.BeginAsync(tenant, ct);
        var args = new { tenant };
        await tx.Connection.ExecuteAsync(new CommandDefinition("""
            SELECT count(*) FROM (SELECT 1 FROM conversions.lead_facts
                                   WHERE tenant_id = @tenant AND (first_touch_at IS NOT NULL OR converted_at IS NOT NULL) FOR UPDATE) locked;
            SELECT count(*) FROM (SELECT 1 FROM conversions.deals WHERE tenant_id = @tenant AND stage = 'closed' FOR UPDATE) locked;
            """, args, tx.Transaction, commandTimeout: 0, cancellationToken: ct));
        foreach (var t in Tables)
        {
            var differs = string.Join(" OR ", t.Values.Split(", ").Select(v => $"f.{v} IS DISTINCT FROM e.{v}"));
            corrected += await tx.Connection.ExecuteScalarAsync<long>(new CommandDefinition($"""
                SELECT count(*) FROM (SELECT * FROM conversions.{t.Name} WHERE tenant_id = @tenant AND ({t.Counts})) f
                  FULL JOIN ({t.Expected}) e USING ({t.Key})
                 WHERE {differs}
                """, args, tx.Transaction, commandTimeout: 0, cancellationToken: ct));
            await tx.Connection.ExecuteAsync(new CommandDefinition(
                $"DELETE FROM conversions.{t.Name} WHERE tenant_id = @tenant", args, tx.Transaction, commandTimeout: 0, cancellationToken: ct));
            var sets = string.Join(", ", t.Values.Split(", ").Select(v => $"{v} = excluded.{v}"));
            cells += await tx.Connection.ExecuteAsync(new CommandDefinition($"""
                INSERT INTO conversions.{t.Name} AS f (tenant_id, {t.Key}, {t.Values})
                SELECT @tenant, {t.Key}, {t.Values} FROM ({t.Expected}) e
                ON CONFLICT (tenant_id, {t.Key}) DO UPDATE SET {sets}
                """, args, tx.Transaction, commandTimeout: 0, cancellationToken: ct));
        }

        await tx.CommitAsync(ct);
        return (cells, corrected);
    }

    private sealed record Table(string Name, string Key, string Values, string Counts, string Expected);
}
