using Beacon.Billing.Usage;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Messaging;
using Dapper;

namespace Beacon.Billing.Rating;

/// <summary>
/// What the scheduler does each tick: creates usage partitions a year ahead, snapshots each tenant's active seats
/// for the current month, and queues the rating of every month that has closed since the last one queued.
/// <paramref name="now"/> is explicit so a tick can be judged at any date.
/// </summary>
internal sealed class BillingTick(Db db) : IPeriodicTick
{
    public async Task<int> RunOnceAsync(DateTimeOffset now, CancellationToken ct)
    {
        IReadOnlyList<Guid> tenants;
        await using (var conn = await db.OpenUnscopedAsync(ct))
        {
            await conn.ExecuteAsync(new CommandDefinition("SELECT billing.ensure_usage_partitions(@from::date, 14)",
                new { from = BillingMonth.Of(now).Previous.Sql }, cancellationToken: ct));
            tenants = [.. await conn.QueryAsync<Guid>(new CommandDefinition(
                "SELECT tenant_id FROM billing.subscribed_tenants()", cancellationToken: ct))];
        }

        var queued = 0;
        foreach (var tenant in tenants)
        {
            queued += await RunTenantAsync(tenant, now, ct);
        }

        return queued;
    }

    public async Task<int> RunTenantAsync(Guid tenant, DateTimeOffset now, CancellationToken ct)
    {
        var current = BillingMonth.Of(now);
        await using var tx = await db.BeginAsync(tenant, ct);
        await UsageStore.SnapshotSeatsAsync(tx, current, now, ct);
        var from = await tx.Connection.QuerySingleOrDefaultAsync<DateTime?>(new CommandDefinition("""
            UPDATE billing.subscriptions s SET rated_through = @through::date
              FROM (SELECT rated_through FROM billing.subscriptions WHERE tenant_id = @tenant FOR UPDATE) old
             WHERE s.tenant_id = @tenant AND old.rated_through < @through::date
            RETURNING old.rated_through
            """, new { tenant, through = current.Previous.Sql }, tx.Transaction, cancellationToken: ct));
        var queued = 0;
        if (from is { } last)
        {
            for (var month = BillingMonth.Of(DateOnly.FromDateTime(last)).Next; month.Start < current.Start; month = month.Next)
            {
                tx.Enqueue(RateMonthJob.Name, new RateMonthPayload(month.ToString()));
                queued++;
            }
        }

        await tx.CommitAsync(ct);
        return queued;
    }
}
