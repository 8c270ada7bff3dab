using Beacon.Billing.Plans;
using Beacon.Billing.Usage;
using Beacon.Contracts.Identity;
using Beacon.SharedKernel;
using Beacon.SharedKernel.Database;
using Dapper;

namespace Beacon.Billing.Demo;

/// <summary>Demo Realty is on the Brokerage plan (no trial), with its users as seats.</summary>
internal sealed class DemoSubscriptionSeeder(Db db, TimeProvider clock) : IDemoSeeder
{
    public int Order => 50;

    public async Task SeedAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var tx = await db.BeginAsync(DemoTenant.TenantId, ct);
        var existing = await SubscriptionStore.GetAsync(tx.Connection, tx.Transaction, DemoTenant.TenantId, forUpdate: true, ct);
        if (existing is null)
        {
            await SubscriptionStore.StartAsync(tx, "brokerage", null, now, ct);
        }
        else if (existing.PlanCode != "brokerage")
        {
            await SubscriptionStore.ChangePlanAsync(tx, "brokerage", now, ct);
        }

        foreach (var user in DemoTenant.Users)
        {
            await tx.Connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO billing.seat_users (tenant_id, user_id, active) VALUES (@tenant, @id, true) ON CONFLICT DO NOTHING
                """, new { tenant = DemoTenant.TenantId, id = user.Id }, tx.Transaction, cancellationToken: ct));
        }

        await UsageStore.SnapshotSeatsAsync(tx, BillingMonth.Of(now), now, ct);
        await tx.CommitAsync(ct);
    }
}
