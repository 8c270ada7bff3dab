using Beacon.Billing;
using Beacon.Billing.Rating;
using Beacon.Contracts.Billing;
using Beacon.TestKit;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Billing;

public sealed class SchedulerTests(BeaconApp app)
{
    [Fact]
    public async Task A_tick_queues_the_rating_of_each_closed_month_once_snapshots_seats_and_keeps_partitions_ahead()
    {
        var owner = await app.SignupAsync();
        await BillingApi.SubscriptionAsync(owner.Client);
        var now = TimeProvider.System.GetUtcNow();
        var current = BillingMonth.Of(now);
        // As if the brokerage had subscribed three months ago and nothing was rated since.
        await app.Database.ScalarAsync<int>("UPDATE billing.subscriptions SET rated_through = $2::date WHERE tenant_id = $1",
            owner.TenantId, current.Previous.Previous.Previous.Sql);
        await app.Database.ScalarAsync<int>("DELETE FROM billing.usage WHERE tenant_id = $1 AND meter = 'active_seats'", owner.TenantId);
        await BillingApi.PublishAsync(app, owner.TenantId, new UsageRecorded(Guid.CreateVersion7(), owner.TenantId,
            current.Previous.Start.AddDays(2), UsageMeters.WorkflowSends, 2_500, "email", "campaign:1"));
        await BillingApi.SettledAsync(app.Database, owner.TenantId);

        int first, second;
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var tick = scope.ServiceProvider.GetRequiredService<BillingTick>();
            first = await tick.RunOnceAsync(now, CancellationToken.None);
            second = await tick.RunTenantAsync(owner.TenantId, now, CancellationToken.None);
        }

        first.ShouldBeGreaterThanOrEqualTo(2, "this brokerage's two closed months (other tests' brokerages have none)");
        second.ShouldBe(0, "a closed month is queued once");
        var invoices = await Poller.UntilAsync(() => BillingApi.GetAsync(owner.Client, "/api/v1/billing/invoices"),
            list => list.GetArrayLength() == 2 && list.EnumerateArray().All(i => i.GetProperty("status").GetString() != "draft"),
            TimeSpan.FromSeconds(60), "both closed months are rated and issued");
        invoices[0].GetProperty("month").GetString().ShouldBe(current.Previous.ToString());
        invoices[0].GetProperty("status").GetString().ShouldBe("open", "500 sends over the included 2,000");
        (await BillingApi.UsageAsync(owner.Client))[UsageMeters.ActiveSeats].ShouldBe(1, "the snapshot counts the owner's seat");
        (await app.Database.ScalarAsync<long>("""
            SELECT count(*) FROM pg_inherits WHERE inhparent = 'billing.usage'::regclass
               AND inhrelid::regclass::text = 'billing.usage_' || to_char($1::date + interval '12 months', 'YYYY_MM')
            """, current.Sql)).ShouldBe(1, "the partition a year ahead exists");
    }
}
