using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Messaging;
using Dapper;
using Microsoft.Extensions.Options;

namespace Beacon.Workflows.NoActivity;

/// <summary>
/// What the scheduler does each tick: for every brokerage with an active no-activity workflow whose sweep is due, one
/// node claims the sweep (the upsert of <c>workflows.quiet_sweeps</c> holds the row lock, so another node's tick finds
/// it not due) and queues its first batch on the job queue. <paramref name="now"/> is explicit so a tick can be judged
/// at any date.
/// </summary>
internal sealed class NoActivityTick(Db db, IOptions<NoActivityOptions> options) : IPeriodicTick
{
    public async Task<int> RunOnceAsync(DateTimeOffset now, CancellationToken ct)
    {
        IReadOnlyList<Guid> tenants;
        await using (var conn = await db.OpenUnscopedAsync(ct))
        {
            tenants = [.. await conn.QueryAsync<Guid>(new CommandDefinition(
                "SELECT tenant_id FROM workflows.quiet_sweep_tenants()", cancellationToken: ct))];
        }

        var queued = 0;
        foreach (var tenant in tenants)
        {
            queued += await RunTenantAsync(tenant, now, ct) ? 1 : 0;
        }

        return queued;
    }

    /// <summary>Claims and queues the brokerage's sweep when it is due; false when it is not (or another node has it).</summary>
    public async Task<bool> RunTenantAsync(Guid tenant, DateTimeOffset now, CancellationToken ct)
    {
        await using var tx = await db.BeginAsync(tenant, ct);
        var claimed = await tx.Connection.ExecuteScalarAsync<int?>(new CommandDefinition("""
            INSERT INTO workflows.quiet_sweeps AS s (tenant_id, next_at) VALUES (@tenant, @next)
            ON CONFLICT (tenant_id) DO UPDATE SET next_at = excluded.next_at WHERE s.next_at <= @now
            RETURNING 1
            """, new { tenant, now, next = now + options.Value.Interval }, tx.Transaction, cancellationToken: ct));
        if (claimed is null)
        {
            return false;
        }

        tx.Lane = JobLane.Bulk;
        tx.Enqueue(NoActivitySweepJob.Name, new QuietSweepBatch(Guid.Empty, now));
        await tx.CommitAsync(ct);
        return true;
    }
}
