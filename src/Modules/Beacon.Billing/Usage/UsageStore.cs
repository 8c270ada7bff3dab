using Beacon.SharedKernel.Database;
using Dapper;

namespace Beacon.Billing.Usage;

/// <summary>Writes usage rows; a key seen before in the same tenant, month and meter is ignored, not added.</summary>
internal static class UsageStore
{
    /// <summary>True when the entry was new (counted), false when its key was already there.</summary>
    public static async Task<bool> RecordAsync(TenantTransaction tx, UsageEntry entry, CancellationToken ct) =>
        await tx.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO billing.usage (tenant_id, month, meter, idempotency_key, dimension, quantity, cost_cents, occurred_at)
            VALUES (@tenant, @month::date, @Meter, @IdempotencyKey, @Dimension, @Quantity, @CostCents, @OccurredAt)
            ON CONFLICT DO NOTHING
            """, new
        {
            tenant = tx.TenantId,
            month = BillingMonth.Of(entry.OccurredAt).Sql,
            entry.Meter,
            entry.IdempotencyKey,
            entry.Dimension,
            entry.Quantity,
            entry.CostCents,
            OccurredAt = entry.OccurredAt.ToUniversalTime(),
        }, tx.Transaction, cancellationToken: ct)) == 1;

    /// <summary>Every user active now is a seat of <paramref name="month"/> (the daily snapshot; repeats add nothing).</summary>
    public static Task<int> SnapshotSeatsAsync(TenantTransaction tx, BillingMonth month, DateTimeOffset now, CancellationToken ct) =>
        tx.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO billing.usage (tenant_id, month, meter, idempotency_key, dimension, quantity, occurred_at)
            SELECT tenant_id, @month::date, 'active_seats', 'user:' || user_id, '', 1, @now
              FROM billing.seat_users WHERE tenant_id = @tenant AND active
            ON CONFLICT DO NOTHING
            """, new { tenant = tx.TenantId, month = month.Sql, now }, tx.Transaction, cancellationToken: ct));
}
