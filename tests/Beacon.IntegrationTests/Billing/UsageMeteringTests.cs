using System.Net.Http.Json;
using Beacon.Contracts.Billing;
using Beacon.IntegrationTests.Leads;
using Beacon.TestKit;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Billing;

public sealed class UsageMeteringTests(BeaconApp app)
{
    private static UsageRecorded Usage(Guid tenant, string meter, long quantity, string key, string dimension = "", long cost = 0,
        Guid? id = null) =>
        new(id ?? Guid.CreateVersion7(), tenant, TimeProvider.System.GetUtcNow(), meter, quantity, dimension, key, cost);

    [Fact]
    public async Task A_retried_or_republished_usage_event_is_counted_once()
    {
        var owner = await app.SignupAsync();
        await BillingApi.SubscriptionAsync(owner.Client);
        var first = Usage(owner.TenantId, UsageMeters.AssistantMessages, 3, "chat:1");

        await BillingApi.PublishAsync(app, owner.TenantId, first, Usage(owner.TenantId, UsageMeters.AssistantMessages, 2, "chat:2"));
        await BillingApi.SettledAsync(app.Database, owner.TenantId);
        await BillingApi.RedeliverAsync(app.Database, owner.TenantId, [first.Id]); // the same event delivered again
        await BillingApi.PublishAsync(app, owner.TenantId, first with { Id = Guid.CreateVersion7() }); // re-published: new id, same key
        await BillingApi.SettledAsync(app.Database, owner.TenantId);

        (await BillingApi.UsageAsync(owner.Client))[UsageMeters.AssistantMessages].ShouldBe(5);
    }

    [Fact]
    public async Task Negative_quantities_and_unknown_meters_are_refused_and_count_nothing()
    {
        var owner = await app.SignupAsync();
        await BillingApi.SubscriptionAsync(owner.Client);

        await BillingApi.PublishAsync(app, owner.TenantId,
            Usage(owner.TenantId, UsageMeters.WorkflowSends, -5, "send:1", "email"),
            Usage(owner.TenantId, "coffee_breaks", 1, "coffee:1"),
            Usage(owner.TenantId, UsageMeters.WorkflowSends, 1, "send:2", "sms", cost: -1),
            Usage(owner.TenantId, UsageMeters.WorkflowSends, 4, "send:3", "email"));
        await BillingApi.SettledAsync(app.Database, owner.TenantId);

        (await BillingApi.UsageAsync(owner.Client))[UsageMeters.WorkflowSends].ShouldBe(4);
        (await app.Database.ScalarAsync<long>("SELECT count(*) FROM billing.usage WHERE tenant_id = $1 AND meter = 'workflow_sends'",
            owner.TenantId)).ShouldBe(1);
    }

    [Fact]
    public async Task Captured_leads_and_the_owners_seat_are_metered_from_their_events()
    {
        var owner = await app.SignupAsync();
        await BillingApi.SubscriptionAsync(owner.Client);

        await LeadsApi.CreatedAsync(owner.Client, new { email = "ann@example.com", source = "zillow" });
        await LeadsApi.CreatedAsync(owner.Client, new { email = "bob@example.com", source = "website" });

        var usage = await Poller.UntilAsync(() => BillingApi.UsageAsync(owner.Client), u => u[UsageMeters.LeadsCaptured] == 2,
            BillingApi.MeteringPatience, "both captures are metered");
        usage[UsageMeters.ActiveSeats].ShouldBe(1, "the owner is the one seat");
        var detail = await BillingApi.GetAsync(owner.Client, "/api/v1/billing/usage");
        var captured = detail.GetProperty("meters").EnumerateArray().Single(m => m.GetProperty("meter").GetString() == "leads_captured");
        captured.GetProperty("dimensions").EnumerateArray().Select(d => d.GetProperty("dimension").GetString()).Order()
            .ShouldBe(["website", "zillow"]);
    }

    [Fact]
    public async Task An_import_is_metered_once_as_its_new_leads_and_their_bulk_scores()
    {
        var owner = await app.SignupAsync();
        await BillingApi.SubscriptionAsync(owner.Client);

        var (response, import) = await ImportApi.UploadAsync(owner.Client, ImportApi.People(7, "bill"));
        await response.EnsureSuccessAsync();
        import.GetProperty("created").GetInt64().ShouldBe(6, "the fifth row repeats an earlier e-mail and merges");

        await Poller.UntilAsync(() => app.Database.ScalarAsync<long>("""
            SELECT coalesce(sum(quantity), 0)::bigint FROM billing.usage
             WHERE tenant_id = $1 AND meter = 'leads_scored' AND idempotency_key LIKE 'scoring-chunk:%'
            """, owner.TenantId), n => n == 6, BillingApi.MeteringPatience, "the import's bulk scoring is metered, once per chunk");
        await BillingApi.SettledAsync(app.Database, owner.TenantId);
        var usage = await BillingApi.UsageAsync(owner.Client);
        usage[UsageMeters.LeadsImported].ShouldBe(6, string.Join(", ", usage));
        usage[UsageMeters.LeadsScored].ShouldBeGreaterThanOrEqualTo(6, "later rescoring (after enrichment) may add lead.scored");
        usage[UsageMeters.LeadsCaptured].ShouldBe(0, "imported leads are not captures");
    }

    [Fact]
    public async Task A_month_that_is_not_yyyy_mm_is_refused_naming_the_field()
    {
        var owner = await app.SignupAsync();

        var response = await owner.Client.GetAsync("/api/v1/billing/usage?month=2026-13");

        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(ApiClient.Json)).GetProperty("errors")
            .TryGetProperty("month", out _).ShouldBeTrue();
    }
}
