using Beacon.SharedKernel.Database;
using Dapper;

namespace Beacon.Conversions.Projection;

/// <summary>One cell of <c>conversions.funnel_hourly</c>: leads created in an hour by source, agent and furthest stage.</summary>
internal sealed record FunnelCell(DateTimeOffset Hour, string Source, Guid AgentId, short Furthest);

internal static class FunnelCells
{
    public static DateTimeOffset Hour(DateTimeOffset instant)
    {
        var utc = instant.ToUniversalTime();
        return new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero);
    }

    /// <summary>Adds <paramref name="delta"/> leads to a cell; an emptied cell is removed so sums stay over live cells only.</summary>
    public static async Task AddAsync(TenantTransaction tx, FunnelCell cell, int delta, CancellationToken ct)
    {
        var args = new { tenant = tx.TenantId, cell.Hour, cell.Source, cell.AgentId, cell.Furthest, delta };
        await tx.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO conversions.funnel_hourly AS f (tenant_id, hour, source, agent_id, furthest, leads)
            VALUES (@tenant, @Hour, @Source, @AgentId, @Furthest, @delta)
            ON CONFLICT (tenant_id, hour, source, agent_id, furthest) DO UPDATE SET leads = f.leads + @delta
            """, args, tx.Transaction, cancellationToken: ct));
        if (delta < 0)
        {
            await tx.Connection.ExecuteAsync(new CommandDefinition("""
                DELETE FROM conversions.funnel_hourly WHERE tenant_id = @tenant AND hour = @Hour AND source = @Source
                   AND agent_id = @AgentId AND furthest = @Furthest AND leads <= 0
                """, args, tx.Transaction, cancellationToken: ct));
        }
    }
}
