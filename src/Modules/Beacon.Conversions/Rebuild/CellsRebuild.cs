using Beacon.SharedKernel.Database;
using Dapper;

namespace Beacon.Conversions.Rebuild;

/// <summary>
/// Second half of the rebuild: the hourly funnel cells and their daily rollup recomputed from the lead facts, one slice
/// of creation days at a time (about <see cref="Slice"/> leads, cut at a UTC day boundary so no cell of either is split). Each slice is one
/// transaction that first locks the slice's facts — a handler moving one of those leads reads its facts
/// <c>FOR UPDATE</c> before it moves the lead's count, so it waits and then moves it between the rebuilt cells —
/// then sets every cell and day of the slice to its count. A lead created meanwhile adds its one to the rebuilt cell, except
/// in one narrow case (its brand-new cell committed while the slice's insert runs): a second run reports 0 corrected
/// cells when the figures are exact.
/// </summary>
internal sealed class CellsRebuild(Db db)
{
    public const int Slice = 5000;

    /// <returns>Hourly cells written, and hourly cells and daily rows that were wrong before (missing, miscounted or not backed by any lead).</returns>
    public async Task<(long Cells, long Corrected)> RunAsync(Guid tenant, CancellationToken ct)
    {
        long cells = 0, corrected = 0;
        DateTimeOffset? from = null; // null: from the first hour there is (cells without leads before it go too)
        while (true)
        {
            await using var tx = await db.BeginAsync(tenant, ct);
            var to = await tx.Connection.ExecuteScalarAsync<DateTimeOffset?>(new CommandDefinition("""
                SELECT date_trunc('day', created_at, 'UTC') + interval '1 day' FROM conversions.lead_facts
                 WHERE tenant_id = @tenant AND (@from::timestamptz IS NULL OR created_at >= @from)
                 ORDER BY created_at OFFSET @slice LIMIT 1
                """, new { tenant, from, slice = Slice }, tx.Transaction, cancellationToken: ct));
            var args = new { tenant, from, to };
            const string range = "tenant_id = @tenant AND (@from::timestamptz IS NULL OR {0} >= @from) AND (@to::timestamptz IS NULL OR {0} < @to)";
            var facts = string.Format(System.Globalization.CultureInfo.InvariantCulture, range, "created_at");
            var hours = string.Format(System.Globalization.CultureInfo.InvariantCulture, range, "hour");
            var days = string.Format(System.Globalization.CultureInfo.InvariantCulture, range, "day");
            await tx.Connection.ExecuteAsync(new CommandDefinition(
                $"SELECT count(*) FROM (SELECT 1 FROM conversions.lead_facts WHERE {facts} FOR UPDATE) locked", args, tx.Transaction, cancellationToken: ct));
            var counted = $"""
                SELECT date_trunc('hour', created_at, 'UTC') AS hour, source, coalesce(agent_id, '00000000-0000-0000-0000-000000000000'::uuid) AS agent_id,
                       furthest, count(*)::bigint AS leads
                  FROM conversions.lead_facts WHERE {facts} GROUP BY 1, 2, 3, 4
                """;
            corrected += await tx.Connection.ExecuteScalarAsync<long>(new CommandDefinition($"""
                SELECT count(*) FROM (SELECT * FROM conversions.funnel_hourly WHERE {hours}) f
                  FULL JOIN ({counted}) c USING (hour, source, agent_id, furthest)
                 WHERE f.leads IS DISTINCT FROM c.leads
                """, args, tx.Transaction, cancellationToken: ct));
            var daily = $"SELECT date_trunc('day', hour, 'UTC') AS day, source, agent_id, furthest, sum(leads)::bigint AS leads FROM ({counted}) h GROUP BY 1, 2, 3, 4";
            corrected += await tx.Connection.ExecuteScalarAsync<long>(new CommandDefinition($"""
                SELECT count(*) FROM (SELECT * FROM conversions.funnel_daily WHERE {days}) f
                  FULL JOIN ({daily}) c USING (day, source, agent_id, furthest)
                 WHERE f.leads IS DISTINCT FROM c.leads
                """, args, tx.Transaction, cancellationToken: ct));
            await tx.Connection.ExecuteAsync(new CommandDefinition(
                $"DELETE FROM conversions.funnel_hourly WHERE {hours}; DELETE FROM conversions.funnel_daily WHERE {days}", args, tx.Transaction, cancellationToken: ct));
            cells += await tx.Connection.ExecuteAsync(new CommandDefinition($"""
                INSERT INTO conversions.funnel_hourly AS f (tenant_id, hour, source, agent_id, furthest, leads)
                SELECT @tenant, hour, source, agent_id, furthest, leads FROM ({counted}) c
                ON CONFLICT (tenant_id, hour, source, agent_id, furthest) DO UPDATE SET leads = excluded.leads
                """, args, tx.Transaction, cancellationToken: ct));
            await tx.Connection.ExecuteAsync(new CommandDefinition($"""
                INSERT INTO conversions.funnel_daily AS f (tenant_id, day, source, agent_id, furthest, leads)
                SELECT @tenant, day, source, agent_id, furthest, leads FROM ({daily}) c
                ON CONFLICT (tenant_id, day, source, agent_id, furthest) DO UPDATE SET leads = excluded.leads
                """, args, tx.Transaction, cancellationToken: ct));
            await tx.CommitAsync(ct);
            if (to is null)
            {
                return (cells, corrected);
            }

            from = to;
        }
    }
}
