using Beacon.SharedKernel.Database;
using Dapper;

namespace Beacon.Conversions.Projection;

/// <summary>One cell of <c>conversions.funnel_hourly</c>: leads created in an hour by source, agent and furthest stage.</summary>
internal sealed record FunnelCell(DateTimeOffset Hour, string Source, Guid AgentId, short Furthest)
{
    /// <summary>The UTC day of the hour: the cell's row in <c>conversions.funnel_daily</c>.</summary>
    public DateTimeOffset Day => new(Hour.Year, Hour.Month, Hour.Day, 0, 0, 0, TimeSpan.Zero);
}

/// <summary>
/// The funnel counts: each lead counts once in its hourly cell and once in that cell's daily rollup (ADR 0031), both
/// moved by the same statement so they never disagree.
/// </summary>
internal static class FunnelCells
{
    public static DateTimeOffset Hour(DateTimeOffset instant)
    {
        var utc = instant.ToUniversalTime();
        return new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero);
    }

    /// <summary>
    /// Moves counts between cells. A lead's two cells share its creation hour, so taking them in (source, agent,
    /// furthest) order makes concurrent moves lock the shared daily rows in one order (no deadlock between two leads
    /// moving past each other).
    /// </summary>
    public static async Task MoveAsync(TenantTransaction tx, IEnumerable<(FunnelCell Cell, int Delta)> changes, CancellationToken ct)
    {
        foreach (var (cell, delta) in changes.OrderBy(c => c.Cell.Source, StringComparer.Ordinal).ThenBy(c => c.Cell.AgentId)
                     .ThenBy(c => c.Cell.Furthest))
        {
            await AddAsync(tx, cell, delta, ct);
        }
    }

    /// <summary>Adds <paramref name="delta"/> leads to a cell and its day; an emptied row is removed so sums stay over live cells only.</summary>
    public static async Task AddAsync(TenantTransaction tx, FunnelCell cell, int delta, CancellationToken ct)
    {
        var args = new { tenant = tx.TenantId, cell.Hour, cell.Day, cell.Source, cell.AgentId, cell.Furthest, delta };
        const string key = "tenant_id = @tenant AND source = @Source AND agent_id = @AgentId AND furthest = @Furthest AND leads <= 0";
        await tx.Connection.ExecuteAsync(new CommandDefinition($"""
            INSERT INTO conversions.funnel_hourly AS f (tenant_id, hour, source, agent_id, furthest, leads)
            VALUES (@tenant, @Hour, @Source, @AgentId, @Furthest, @delta)
            ON CONFLICT (tenant_id, hour, source, agent_id, furthest) DO UPDATE SET leads = f.leads + @delta;
            INSERT INTO conversions.funnel_daily AS f (tenant_id, day, source, agent_id, furthest, leads)
            VALUES (@tenant, @Day, @Source, @AgentId, @Furthest, @delta)
            ON CONFLICT (tenant_id, day, source, agent_id, furthest) DO UPDATE SET leads = f.leads + @delta;
            {(delta < 0 ? $"""
                DELETE FROM conversions.funnel_hourly WHERE hour = @Hour AND {key};
                DELETE FROM conversions.funnel_daily WHERE day = @Day AND {key};
                """ : "")}
            """, args, tx.Transaction, cancellationToken: ct));
    }
}
