using System.Net.Http.Json;
using System.Text.Json;
using Beacon.Billing;
using Beacon.Billing.Rating;
using Beacon.Contracts.Billing;
using Beacon.TestKit;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Billing;

/// <summary>
/// For every tenant and month: the usage endpoint == Σ distinct usage events == the invoice's usage lines, after
/// duplicates, retries and re-ratings; invoice numbers have no gaps.
/// </summary>
public sealed class RatingInvariantTests(BeaconApp app)
{
    private static readonly string[] Meters = [UsageMeters.LeadsScored, UsageMeters.EnrichmentCalls, UsageMeters.WorkflowSends];

    [Fact]
    public async Task Usage_endpoint_distinct_events_and_invoice_lines_agree_for_every_tenant_and_month_after_duplicates_and_reruns()
    {
        var now = TimeProvider.System.GetUtcNow();
        var months = new[] { BillingMonth.Of(now).Previous.Previous, BillingMonth.Of(now).Previous };
        var tenants = new[] { await app.SignupAsync(), await app.SignupAsync() };
        var random = new Random(20);
        foreach (var owner in tenants)
        {
            await BillingApi.SubscriptionAsync(owner.Client);
            foreach (var month in months)
            {
                var expected = await SendWithDuplicatesAsync(owner.TenantId, month, random);
                await BillingApi.SettledAsync(app.Database, owner.TenantId);
                await RateAsync(owner.TenantId, month);
                await RateAsync(owner.TenantId, month); // a re-run changes nothing

                var usage = await BillingApi.UsageAsync(owner.Client, month.ToString());
                var invoice = await InvoiceOfAsync(owner.Client, month.ToString());
                var lines = invoice.GetProperty("lines").EnumerateArray().Where(l => l.GetProperty("kind").GetString() == "usage")
                    .ToDictionary(l => l.GetProperty("meter").GetString()!, l => l.GetProperty("quantity").GetInt64());
                foreach (var meter in Meters)
                {
                    usage[meter].ShouldBe(expected[meter], $"{month} {meter}: usage endpoint vs distinct events");
                    lines[meter].ShouldBe(expected[meter], $"{month} {meter}: invoice line vs distinct events");
                }
            }

            var numbers = (await BillingApi.GetAsync(owner.Client, "/api/v1/billing/invoices")).EnumerateArray()
                .Select(i => i.GetProperty("number").GetString()).Order().ToList();
            numbers.ShouldBe([$"INV-{now.Year}-000001", $"INV-{now.Year}-000002"], "one number per month, no gaps");
            (await app.Database.ScalarAsync<long>(
                "SELECT count(*) FROM platform.events WHERE tenant_id = $1 AND type = 'billing.invoice_issued'", owner.TenantId))
                .ShouldBe(2, "each invoice is issued once");
        }
    }

    [Fact]
    public async Task An_issued_invoice_carries_tax_at_the_tenants_rate_in_integer_cents()
    {
        var owner = await app.SignupAsync();
        await BillingApi.SubscriptionAsync(owner.Client);
        (await owner.Client.PutAsJsonAsync("/api/v1/billing/subscription/tax-rate", new { taxRateBasisPoints = 825 })).EnsureSuccessStatusCode();
        var month = BillingMonth.Of(TimeProvider.System.GetUtcNow()).Previous;
        await BillingApi.PublishAsync(app, owner.TenantId, new UsageRecorded(Guid.CreateVersion7(), owner.TenantId, month.Start.AddDays(3),
            UsageMeters.WorkflowSends, 2_123, "sms", "bulk:1"));
        await BillingApi.SettledAsync(app.Database, owner.TenantId);

        await RateAsync(owner.TenantId, month);

        var invoice = (await InvoiceOfAsync(owner.Client, month.ToString())).GetProperty("invoice");
        invoice.GetProperty("subtotalCents").GetInt64().ShouldBe(123, "2,123 sends, 2,000 included, 1 cent each over");
        invoice.GetProperty("taxCents").GetInt64().ShouldBe(10, "8.25 % of 123 cents is 10.1475, rounded to 10");
        invoice.GetProperty("totalCents").GetInt64().ShouldBe(133);
        invoice.GetProperty("status").GetString().ShouldBe("open");
    }

    private async Task<Dictionary<string, long>> SendWithDuplicatesAsync(Guid tenant, BillingMonth month, Random random)
    {
        var expected = Meters.ToDictionary(m => m, _ => 0L);
        var sent = new List<UsageRecorded>();
        for (var i = 0; i < 60; i++)
        {
            var meter = Meters[i % Meters.Length];
            var quantity = random.Next(0, 40);
            var at = month.Start.AddHours(random.Next(0, 24 * 27));
            sent.Add(new UsageRecorded(Guid.CreateVersion7(), tenant, at, meter, quantity, $"d{i % 2}", $"{meter}:{i}", random.Next(0, 30)));
            expected[meter] += quantity;
        }

        // Every event once, then a third of them delivered again (same ids) and a third re-published under new ids.
        await BillingApi.PublishAsync(app, tenant, [.. sent]);
        await BillingApi.RedeliverAsync(app.Database, tenant, [.. sent.Where((_, i) => i % 3 == 0).Select(e => e.Id)]);
        await BillingApi.PublishAsync(app, tenant, [.. sent.Where((_, i) => i % 3 == 1).Select(e => e with { Id = Guid.CreateVersion7() })]);
        return expected;
    }

    private async Task RateAsync(Guid tenant, BillingMonth month)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<MonthRater>().RateAsync(tenant, month, CancellationToken.None);
    }

    private static async Task<JsonElement> InvoiceOfAsync(HttpClient client, string month)
    {
        var list = await BillingApi.GetAsync(client, "/api/v1/billing/invoices");
        var id = list.EnumerateArray().Single(i => i.GetProperty("month").GetString() == month).GetProperty("id").GetGuid();
        return await BillingApi.GetAsync(client, $"/api/v1/billing/invoices/{id}");
    }
}
