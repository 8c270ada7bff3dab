using System.Net;
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

public sealed class PlanAndInvoiceTests(BeaconApp app)
{
    [Fact]
    public async Task A_new_brokerage_starts_on_the_starter_plan_with_a_trial()
    {
        var owner = await app.SignupAsync();

        var subscription = await BillingApi.SubscriptionAsync(owner.Client);

        subscription.GetProperty("plan").GetProperty("code").GetString().ShouldBe("starter");
        subscription.GetProperty("inTrial").GetBoolean().ShouldBeTrue();
        subscription.GetProperty("standing").GetString().ShouldBe("good");
        (await BillingApi.GetAsync(owner.Client, "/api/v1/billing/plans")).EnumerateArray().Select(p => p.GetProperty("code").GetString())
            .ShouldBe(["starter", "team", "brokerage"]);
    }

    [Fact]
    public async Task An_unknown_plan_is_refused_naming_the_field_and_changes_nothing()
    {
        var owner = await app.SignupAsync();
        await BillingApi.SubscriptionAsync(owner.Client);

        var change = await owner.Client.PutAsJsonAsync("/api/v1/billing/subscription/plan", new { planCode = "platinum" });
        var preview = await owner.Client.GetAsync("/api/v1/billing/subscription/preview?planCode=platinum");
        var empty = await owner.Client.PutAsJsonAsync("/api/v1/billing/subscription/plan", new { planCode = "" });

        foreach (var response in new[] { change, preview, empty })
        {
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await response.Content.ReadFromJsonAsync<JsonElement>(ApiClient.Json)).GetProperty("errors").TryGetProperty("planCode", out _)
                .ShouldBeTrue();
        }

        (await BillingApi.SubscriptionAsync(owner.Client)).GetProperty("plan").GetProperty("code").GetString().ShouldBe("starter");
        (await app.Database.ScalarAsync<long>("SELECT count(*) FROM billing.plan_periods WHERE tenant_id = $1", owner.TenantId)).ShouldBe(1);
    }

    [Fact]
    public async Task A_tax_rate_out_of_range_is_refused_naming_the_field()
    {
        var owner = await app.SignupAsync();
        await BillingApi.SubscriptionAsync(owner.Client);

        var response = await owner.Client.PutAsJsonAsync("/api/v1/billing/subscription/tax-rate", new { taxRateBasisPoints = -1 });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>(ApiClient.Json)).GetProperty("errors")
            .TryGetProperty("taxRateBasisPoints", out _).ShouldBeTrue();
        (await BillingApi.SubscriptionAsync(owner.Client)).GetProperty("taxRateBasisPoints").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task Changing_plan_previews_the_proration_then_opens_a_new_period_on_the_new_plan()
    {
        var owner = await app.SignupAsync();
        await BillingApi.SubscriptionAsync(owner.Client);

        var preview = await BillingApi.GetAsync(owner.Client, "/api/v1/billing/subscription/preview?planCode=brokerage");
        var changed = await owner.Client.PutAsJsonAsync("/api/v1/billing/subscription/plan", new { planCode = "brokerage" });

        preview.GetProperty("newPlan").GetString().ShouldBe("brokerage");
        preview.GetProperty("differenceCents").GetInt64().ShouldBe(
            preview.GetProperty("withChangeCents").GetInt64() - preview.GetProperty("withoutChangeCents").GetInt64());
        preview.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("kind").GetString()).ShouldContain("plan");
        await changed.EnsureSuccessAsync();
        (await changed.Content.ReadFromJsonAsync<JsonElement>(ApiClient.Json)).GetProperty("plan").GetProperty("code").GetString()
            .ShouldBe("brokerage");
        (await app.Database.ScalarAsync<long>(
            "SELECT count(*) FROM billing.plan_periods WHERE tenant_id = $1 AND ends_at IS NOT NULL", owner.TenantId)).ShouldBe(1);
    }

    [Fact]
    public async Task Concurrent_plan_changes_all_succeed_and_leave_one_unbroken_chain_of_periods()
    {
        var owner = await app.SignupAsync();
        await BillingApi.SubscriptionAsync(owner.Client);
        string[] plans = ["team", "brokerage", "starter", "team", "brokerage", "team", "starter", "brokerage"];

        var answers = await Task.WhenAll(plans.Select(p => owner.Client.PutAsJsonAsync("/api/v1/billing/subscription/plan", new { planCode = p })));

        answers.Select(a => a.StatusCode).ShouldAllBe(s => s == HttpStatusCode.OK);
        (await app.Database.ScalarAsync<string>("""
            SELECT concat_ws(' ', count(*) FILTER (WHERE ends_at IS NULL),
                   count(*) FILTER (WHERE ends_at IS NOT NULL AND ends_at < starts_at),
                   count(*) FILTER (WHERE ends_at IS NOT NULL AND ends_at IS DISTINCT FROM next_start))
              FROM (SELECT starts_at, ends_at, lead(starts_at) OVER (ORDER BY starts_at) AS next_start
                      FROM billing.plan_periods WHERE tenant_id = $1) AS chain
            """, owner.TenantId)).ShouldBe("1 0 0", "one open period, none ending before it starts, each ending where the next starts");
        var current = (await BillingApi.SubscriptionAsync(owner.Client)).GetProperty("plan").GetProperty("code").GetString();
        (await app.Database.ScalarAsync<string>(
            "SELECT plan_code FROM billing.plan_periods WHERE tenant_id = $1 AND ends_at IS NULL", owner.TenantId)).ShouldBe(current);
    }

    [Fact]
    public async Task Payment_events_show_the_failed_attempt_the_standing_and_then_the_payment()
    {
        var owner = await app.SignupAsync();
        await BillingApi.SubscriptionAsync(owner.Client);
        var month = BillingMonth.Of(TimeProvider.System.GetUtcNow()).Previous;
        await BillingApi.PublishAsync(app, owner.TenantId, new UsageRecorded(Guid.CreateVersion7(), owner.TenantId, month.Start.AddDays(1),
            UsageMeters.EnrichmentCalls, 250, "property", "calls:1"));
        await BillingApi.SettledAsync(app.Database, owner.TenantId);
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<MonthRater>().RateAsync(owner.TenantId, month, CancellationToken.None);
        }

        var invoice = (await BillingApi.GetAsync(owner.Client, "/api/v1/billing/invoices"))[0];
        var id = invoice.GetProperty("id").GetGuid();
        var t = owner.TenantId;
        var now = TimeProvider.System.GetUtcNow();
        var retry = now.AddDays(3);
        await BillingApi.PublishAsync(app, t, new InvoicePaymentFailed(Guid.CreateVersion7(), t, now, id, 1, "card_declined", retry),
            new BillingRestricted(Guid.CreateVersion7(), t, now, id, "payment failed 4 times"));
        await BillingApi.SettledAsync(app.Database, t);

        var failed = (await BillingApi.GetAsync(owner.Client, $"/api/v1/billing/invoices/{id}")).GetProperty("invoice");
        failed.GetProperty("status").GetString().ShouldBe("open");
        // Payments collects the issued invoice too (no card on file here), so either failure may be the last one shown.
        failed.GetProperty("failedAttempts").GetInt32().ShouldBeGreaterThanOrEqualTo(1);
        failed.GetProperty("lastFailureReason").GetString().ShouldBeOneOf("card_declined", "There is no card on file.");
        (await BillingApi.SubscriptionAsync(owner.Client)).GetProperty("standing").GetString().ShouldBe("restricted");

        var paid = new InvoicePaid(Guid.CreateVersion7(), t, now.AddMinutes(1), id, "pi_123", invoice.GetProperty("amountDueCents").GetInt64());
        await BillingApi.PublishAsync(app, t, paid, new BillingRestored(Guid.CreateVersion7(), t, now.AddMinutes(1), id));
        // Settled first: events published apart are handled by separate jobs, in either order.
        await BillingApi.SettledAsync(app.Database, t);
        await BillingApi.PublishAsync(app, t, paid with { Id = Guid.CreateVersion7(), PaymentReference = "pi_duplicate" });
        await BillingApi.SettledAsync(app.Database, t);

        var settled = (await BillingApi.GetAsync(owner.Client, $"/api/v1/billing/invoices/{id}")).GetProperty("invoice");
        settled.GetProperty("status").GetString().ShouldBe("paid");
        settled.GetProperty("paymentReference").GetString().ShouldBe("pi_123", "a second confirmation changes nothing");
        (await BillingApi.SubscriptionAsync(owner.Client)).GetProperty("standing").GetString().ShouldBe("good");
    }

    [Fact]
    public async Task An_invoice_downloads_as_a_pdf_and_another_brokerage_cannot_reach_it()
    {
        var owner = await app.SignupAsync();
        var other = await app.SignupAsync();
        await BillingApi.SubscriptionAsync(owner.Client);
        var month = BillingMonth.Of(TimeProvider.System.GetUtcNow()).Previous;
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<MonthRater>().RateAsync(owner.TenantId, month, CancellationToken.None);
        }

        var id = (await BillingApi.GetAsync(owner.Client, "/api/v1/billing/invoices"))[0].GetProperty("id").GetGuid();
        var pdf = await owner.Client.GetAsync($"/api/v1/billing/invoices/{id}/pdf");

        await pdf.EnsureSuccessAsync();
        pdf.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        var bytes = await pdf.Content.ReadAsByteArrayAsync();
        System.Text.Encoding.ASCII.GetString(bytes, 0, 5).ShouldBe("%PDF-");
        (await other.Client.GetAsync($"/api/v1/billing/invoices/{id}/pdf")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.Client.GetAsync($"/api/v1/billing/invoices/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
