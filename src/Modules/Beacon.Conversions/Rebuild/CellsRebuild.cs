using Beacon.SharedKernel.Database;
using Dapper;

namespace Beacon.Conversions.Rebuild;

/// <summary>
/// Second half of the rebuild: the hourly funnel cells and every rollup of them recomputed from the lead facts, one
/// slice of creation months at a time (at least <see cref="Slice"/> leads, cut at a UTC month boundary so no row of
/// any rollup is split). Each slice is one transaction that first locks the slice's facts — a handler moving one of
/// those leads reads its facts <c>FOR UPDATE</c> before it moves the lead's count, so it waits and then moves it between
/// the rebuilt rows — then sets every row of the slice to its count. A lead created meanwhile adds its one to the
/// rebuilt rows, except in one narrow case (its brand-new cell committed while the slice's insert runs): a second run
/// reports 0 corrected rows when the figures are exact.
/// </summary>
internal sealed class CellsRebuild(Db db)
{
    public const int Slice = 5000;

    private static string Counted(string facts) => $"""
        SELECT date_trunc('hour', created_at, 'UTC') AS hour, source, coalesce(agent_id, '00000000-0000-0000-0000-000000000000'::uuid) AS agent_id,
               furthest, count(*)::bigint AS leads
          FROM conversions.lead_facts WHERE {facts} GROUP BY 1, 2, 3, 4
        """;

    private const string HoursOfDay = "conversions.hours_of_day(array_agg(extract(hour FROM hour AT TIME ZONE 'UTC')::int), array_agg(leads)) AS hours";

    /// <summary>Each table with its period column, its key, and its rows as the slice's hourly counts (<c>c</c>) give them.</summary>
    private static readonly Rollup[] Tables =
    [
        new("funnel_hourly", "hour", "hour, source, agent_id, furthest", "SELECT hour, source, agent_id, furthest, leads FROM c"),
        new("funnel_daily", "day", "day, source, agent_id, furthest",
            "SELECT date_trunc('day', hour, 'UTC') AS day, source, agent_id, furthest, sum(leads)::bigint AS leads FROM c GROUP BY 1, 2, 3, 4"),
        new("funnel_monthly", "month", "month, source, agent_id, furthest",
            "SELECT date_trunc('month', hour, 'UTC') AS month, source, agent_id, furthest, sum(leads)::bigint AS leads FROM c GROUP BY 1, 2, 3, 4"),
        new("funnel_month_sources", "month", "month, source, furthest",
            "SELECT date_trunc('month', hour, 'UTC') AS month, source, furthest, sum(leads)::bigint AS leads FROM c GROUP BY 1, 2, 3"),
        new("funnel_month_agents", "month", "month, agent_id, furthest",
            "SELECT date_trunc('month', hour, 'UTC') AS month, agent_id, furthest, sum(leads)::bigint AS leads FROM c GROUP BY 1, 2, 3"),
        new("funnel_day_sources", "day", "day, source, furthest",
            "SELECT date_trunc('day', hour, 'UTC') AS day, source, furthest, sum(leads)::bigint AS leads FROM c GROUP BY 1, 2, 3"),
        new("funnel_day_stages", "day", "day, furthest", $"""
            SELECT date_trunc('day', hour, 'UTC') AS day, furthest, sum(leads)::bigint AS leads, {HoursOfDay}
              FROM (SELECT hour, furthest, sum(leads)::bigint AS leads FROM c GROUP BY 1, 2) h GROUP BY 1, 2
            """, Hours: true),
        new("funnel_day_agents", "day", "day, agent_id, furthest", $"""
            SELECT date_trunc('day', hour, 'UTC') AS day, agent_id, furthest, sum(leads)::bigint AS leads, {HoursOfDay}
              FROM (SELECT hour, agent_id, furthest, sum(leads)::bigint AS leads FROM c GROUP BY 1, 2, 3) h GROUP BY 1, 2, 3
            """, Hours: true),
    ];

    /// <returns>Hourly cells written, and rows of the cells and their rollups that were wrong before (missing, miscounted or not backed by any lead).</returns>
    public async Task<(long Cells, long Corrected)> RunAsync(Guid tenant, CancellationToken ct)
    {
        long cells = 0, corrected = 0;
        DateTimeOffset? from = null; // null: from the first hour there is (rows without leads before it go too)
        while (true)
        {
            await using var tx = await db.BeginAsync(tenant, ct);
            var to = await tx.Connection.ExecuteScalarAsync<DateTimeOffset?>(new CommandDefinition("""
                SELECT date_trunc('month', created_at, 'UTC') + interval '1 month' FROM conversions.lead_facts
                 WHERE tenant_id = @tenant AND (@from::timestamptz IS NULL OR created_at >= @from)
                 ORDER BY created_at OFFSET @slice LIMIT 1
                """, new { tenant, from, slice = Slice }, tx.Transaction, cancellationToken: ct));
            var args = new { tenant, from, to };
            var facts = Range("created_at");
            await tx.Connection.ExecuteAsync(new CommandDefinition(
                $"SELECT count(*) FROM (SELECT 1 FROM conversions.lead_facts WHERE {facts} FOR UPDATE) locked", args, tx.Transaction, cancellationToken: ct));
            var counted = Counted(facts);
            foreach (var t in Tables)
            {
                var expected = $"WITH c AS ({counted}) {t.Rows}";
                corrected += await tx.Connection.ExecuteScalarAsync<long>(new CommandDefinition($"""
                    SELECT count(*) FROM (SELECT * FROM conversions.{t.Table} WHERE {Range(t.Period)}) f
                      FULL JOIN ({expected}) c USING ({t.Key})
                     WHERE f.leads IS DISTINCT FROM c.leads{(t.Hours ? " OR f.hours IS DISTINCT FROM c.hours" : "")}
                    """, args, tx.Transaction, cancellationToken: ct));
                await tx.Connection.ExecuteAsync(new CommandDefinition(
                    $"DELETE FROM conversions.{t.Table} WHERE {Range(t.Period)}", args, tx.Transaction, cancellationToken: ct));
                var columns = $"{t.Key}, leads{(t.Hours ? ", hours" : "")}";
                var written = await tx.Connection.ExecuteAsync(new CommandDefinition($"""
                    INSERT INTO conversions.{t.Table} AS f (tenant_id, {columns})
                    SELECT @tenant, {columns} FROM ({expected}) r
                    ON CONFLICT (tenant_id, {t.Key}) DO UPDATE SET leads = excluded.leads{(t.Hours ? ", hours = excluded.hours" : "")}
                    """, args, tx.Transaction, cancellationToken: ct));
                cells += t.Table == "funnel_hourly" ? written : 0;
            }

            await tx.CommitAsync(ct);
            if (to is null)
            {
                return (cells, corrected);
            }

            from = to;
        }
    }

    private static string Range(string column) =>
        $"tenant_id = @tenant AND (@from::timestamptz IS NULL OR {column} >= @from) AND (@to::timestamptz IS NULL OR {column} < @to)";

    private sealed record Rollup(string Table, string Period, string Key, string Rows, bool Hours = false);
}
