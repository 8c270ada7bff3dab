using System.Globalization;
using System.Text;
using Beacon.SharedKernel.Database;
using Dapper;

namespace Beacon.Conversions.Projection;

/// <summary>One cell of <c>conversions.funnel_hourly</c>: leads created in an hour by source, agent and furthest stage.</summary>
internal sealed record FunnelCell(DateTimeOffset Hour, string Source, Guid AgentId, short Furthest)
{
    /// <summary>The UTC day of the hour: the cell's row in <c>conversions.funnel_daily</c> and the day rollups.</summary>
    public DateTimeOffset Day => new(Hour.Year, Hour.Month, Hour.Day, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The UTC month of the hour: the cell's row in <c>conversions.funnel_monthly</c>.</summary>
    public DateTimeOffset Month => new(Hour.Year, Hour.Month, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The hour's place in a day row's <c>hours</c> array (1-based, as PostgreSQL indexes arrays).</summary>
    public int Slot => Hour.Hour + 1;
}

/// <summary>
/// The funnel counts: each lead counts once in its hourly cell and once in each rollup of it — UTC day and month with
/// the same dimensions (ADR 0031, 0032), and UTC day by stage and by agent and stage with the day's hourly counts —
/// all moved in one round trip, in the handler's transaction, so they never disagree.
/// </summary>
internal static class FunnelCells
{
    public static DateTimeOffset Hour(DateTimeOffset instant)
    {
        var utc = instant.ToUniversalTime();
        return new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero);
    }

    /// <summary>
    /// Moves counts between cells. Rows are locked in one global order so that concurrent moves cannot deadlock: first
    /// the day-by-stage rows (by stage; they are the most shared — every new lead of a day adds to one), then the
    /// day-by-agent and month-by-agent rows (by agent, stage), then the day-by-source and month-by-source rows (by
    /// source, stage), then the cells and their day and month (by source, agent, stage). A lead's cells share its
    /// creation hour, so each phase's rows differ only in those keys.
    /// </summary>
    public static async Task MoveAsync(TenantTransaction tx, IEnumerable<(FunnelCell Cell, int Delta)> changes, CancellationToken ct)
    {
        var sql = new StringBuilder();
        var args = new DynamicParameters(new { tenant = tx.TenantId });
        var ordered = changes.Select((c, i) => (c.Cell, c.Delta, I: i)).ToList();
        foreach (var (_, delta, i) in ordered.OrderBy(c => c.Cell.Furthest))
        {
            sql.AppendLine(DayStages(i, delta));
        }

        foreach (var (_, delta, i) in ordered.OrderBy(c => c.Cell.AgentId).ThenBy(c => c.Cell.Furthest))
        {
            sql.AppendLine(DayAgents(i, delta));
            sql.AppendLine(Marginal(i, delta, "funnel_month_agents", "month", "agent_id", "agent"));
        }

        foreach (var (_, delta, i) in ordered.OrderBy(c => c.Cell.Source, StringComparer.Ordinal).ThenBy(c => c.Cell.Furthest))
        {
            sql.AppendLine(Marginal(i, delta, "funnel_day_sources", "day", "source", "source"));
            sql.AppendLine(Marginal(i, delta, "funnel_month_sources", "month", "source", "source"));
        }

        foreach (var (_, delta, i) in ordered.OrderBy(c => c.Cell.Source, StringComparer.Ordinal).ThenBy(c => c.Cell.AgentId)
                     .ThenBy(c => c.Cell.Furthest))
        {
            sql.AppendLine(Cells(i, delta));
        }

        foreach (var (cell, delta, i) in ordered)
        {
            var hours = new long[24];
            hours[cell.Slot - 1] = delta;
            args.AddDynamicParams(new Dictionary<string, object>
            {
                [$"hour{i}"] = cell.Hour,
                [$"day{i}"] = cell.Day,
                [$"month{i}"] = cell.Month,
                [$"source{i}"] = cell.Source,
                [$"agent{i}"] = cell.AgentId,
                [$"furthest{i}"] = cell.Furthest,
                [$"delta{i}"] = delta,
                [$"slot{i}"] = cell.Slot,
                [$"hours{i}"] = hours,
            });
        }

        if (sql.Length > 0)
        {
            await tx.Connection.ExecuteAsync(new CommandDefinition(sql.ToString(), args, tx.Transaction, cancellationToken: ct));
        }
    }

    /// <summary>Adds <paramref name="delta"/> leads to a cell and its rollups.</summary>
    public static Task AddAsync(TenantTransaction tx, FunnelCell cell, int delta, CancellationToken ct) => MoveAsync(tx, [(cell, delta)], ct);

    private static string DayStages(int i, int delta) => Format(i, delta, """
        INSERT INTO conversions.funnel_day_stages AS f (tenant_id, day, furthest, leads, hours)
        VALUES (@tenant, @day{0}, @furthest{0}, @delta{0}, @hours{0})
        ON CONFLICT (tenant_id, day, furthest) DO UPDATE SET leads = f.leads + @delta{0}, hours[@slot{0}] = f.hours[@slot{0}] + @delta{0};
        """, "DELETE FROM conversions.funnel_day_stages WHERE tenant_id = @tenant AND day = @day{0} AND furthest = @furthest{0} AND leads <= 0;");

    private static string DayAgents(int i, int delta) => Format(i, delta, """
        INSERT INTO conversions.funnel_day_agents AS f (tenant_id, day, agent_id, furthest, leads, hours)
        VALUES (@tenant, @day{0}, @agent{0}, @furthest{0}, @delta{0}, @hours{0})
        ON CONFLICT (tenant_id, day, agent_id, furthest) DO UPDATE SET leads = f.leads + @delta{0}, hours[@slot{0}] = f.hours[@slot{0}] + @delta{0};
        """, """
        DELETE FROM conversions.funnel_day_agents
         WHERE tenant_id = @tenant AND day = @day{0} AND agent_id = @agent{0} AND furthest = @furthest{0} AND leads <= 0;
        """);

    /// <summary>A row of a rollup by one side only (source or agent) of a period (ADR 0036).</summary>
    private static string Marginal(int i, int delta, string table, string period, string column, string parameter) => Format(i, delta, $$"""
        INSERT INTO conversions.{{table}} AS f (tenant_id, {{period}}, {{column}}, furthest, leads)
        VALUES (@tenant, @{{period}}{0}, @{{parameter}}{0}, @furthest{0}, @delta{0})
        ON CONFLICT (tenant_id, {{period}}, {{column}}, furthest) DO UPDATE SET leads = f.leads + @delta{0};
        """, $$"""
        DELETE FROM conversions.{{table}}
         WHERE tenant_id = @tenant AND {{period}} = @{{period}}{0} AND {{column}} = @{{parameter}}{0} AND furthest = @furthest{0} AND leads <= 0;
        """);

    private static string Cells(int i, int delta)
    {
        const string key = "tenant_id = @tenant AND source = @source{0} AND agent_id = @agent{0} AND furthest = @furthest{0} AND leads <= 0";
        return Format(i, delta, """
            INSERT INTO conversions.funnel_hourly AS f (tenant_id, hour, source, agent_id, furthest, leads)
            VALUES (@tenant, @hour{0}, @source{0}, @agent{0}, @furthest{0}, @delta{0})
            ON CONFLICT (tenant_id, hour, source, agent_id, furthest) DO UPDATE SET leads = f.leads + @delta{0};
            INSERT INTO conversions.funnel_daily AS f (tenant_id, day, source, agent_id, furthest, leads)
            VALUES (@tenant, @day{0}, @source{0}, @agent{0}, @furthest{0}, @delta{0})
            ON CONFLICT (tenant_id, day, source, agent_id, furthest) DO UPDATE SET leads = f.leads + @delta{0};
            INSERT INTO conversions.funnel_monthly AS f (tenant_id, month, source, agent_id, furthest, leads)
            VALUES (@tenant, @month{0}, @source{0}, @agent{0}, @furthest{0}, @delta{0})
            ON CONFLICT (tenant_id, month, source, agent_id, furthest) DO UPDATE SET leads = f.leads + @delta{0};
            """, $$"""
            DELETE FROM conversions.funnel_hourly WHERE hour = @hour{0} AND {{key}};
            DELETE FROM conversions.funnel_daily WHERE day = @day{0} AND {{key}};
            DELETE FROM conversions.funnel_monthly WHERE month = @month{0} AND {{key}};
            """);
    }

    /// <summary>An emptied row is removed (only after a decrement) so sums stay over live rows only.</summary>
    private static string Format(int i, int delta, string upsert, string removeEmptied) =>
        (delta < 0 ? upsert + "\n" + removeEmptied : upsert).Replace("{0}", i.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
}
