using Beacon.Contracts.Billing;
using Beacon.Contracts.Identity;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Messaging;
using Dapper;

namespace Beacon.Billing.Usage;

/// <summary>
/// Keeps billing's list of the brokerage's users and whether each is active. A user active at any moment of a month is
/// one seat of that month: when they join or are (re)activated here, and for everyone active by the daily snapshot.
/// </summary>
internal sealed class SeatProjection : IEventHandler<UserJoined>, IEventHandler<UserChanged>
{
    public Task HandleAsync(UserJoined e, TenantTransaction tx, CancellationToken ct) => SetAsync(tx, e.UserId, true, e.OccurredAt, ct);

    public Task HandleAsync(UserChanged e, TenantTransaction tx, CancellationToken ct) => SetAsync(tx, e.UserId, e.Active, e.OccurredAt, ct);

    private static async Task SetAsync(TenantTransaction tx, Guid userId, bool active, DateTimeOffset at, CancellationToken ct)
    {
        await tx.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO billing.seat_users (tenant_id, user_id, active) VALUES (@tenant, @userId, @active)
            ON CONFLICT (tenant_id, user_id) DO UPDATE SET active = excluded.active
            """, new { tenant = tx.TenantId, userId, active }, tx.Transaction, cancellationToken: ct));
        if (active)
        {
            await UsageStore.RecordAsync(tx, new UsageEntry(UsageMeters.ActiveSeats, $"user:{userId}", 1, at), ct);
        }
    }
}
