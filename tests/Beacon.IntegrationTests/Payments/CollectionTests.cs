using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Beacon.TestKit;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Payments;

[Collection(PaymentsCollection.Name)]
public sealed class CollectionTests(PaymentsFixture fixture)
{
    [Fact]
    public async Task An_issued_invoice_is_charged_once_to_the_card_on_file_and_reported_paid()
    {
        await using var h = await PaymentsHarness.StartAsync(fixture);
        var card = await h.SetCardAsync("pm_card_visa");
        card.GetProperty("brand").GetString().ShouldBe("visa");
        card.GetProperty("last4").GetString().ShouldBe("4242");

        var invoiceId = await h.IssueInvoiceAsync(14_900);

        var invoice = await h.UntilInvoiceAsync(invoiceId, i => i.GetProperty("status").GetString() == "paid", "the invoice is collected");
        var intents = await h.GatewayIntentsAsync();
        intents.Count.ShouldBe(1);
        intents[0].GetProperty("amount").GetInt64().ShouldBe(14_900);
        invoice.GetProperty("paymentReference").GetString().ShouldBe(intents[0].GetProperty("id").GetString());
        (await h.EventsAsync()).ShouldBe(["billing.invoice_issued", "billing.invoice_paid"]);
        var attempts = await h.Client.GetFromJsonAsync<JsonElement>("/api/v1/payments/attempts", ApiClient.Json);
        attempts.GetArrayLength().ShouldBe(1);
        attempts[0].GetProperty("outcome").GetString().ShouldBe("succeeded");
        attempts[0].GetProperty("cardLast4").GetString().ShouldBe("4242");
    }

    [Fact]
    public async Task The_same_invoice_issued_twice_is_collected_once()
    {
        await using var h = await PaymentsHarness.StartAsync(fixture);
        await h.SetCardAsync("pm_card_mastercard");
        var invoiceId = await h.IssueInvoiceAsync();
        await h.IssueInvoiceAsync(invoiceId: invoiceId);

        await h.UntilInvoiceAsync(invoiceId, i => i.GetProperty("status").GetString() == "paid", "the invoice is collected");
        await Poller.UntilAsync(() => fixture.Database.ScalarAsync<long>(
            "SELECT count(*) FROM platform.jobs WHERE tenant_id = $1", h.Owner.TenantId), n => n == 0, because: "every job has run");

        (await h.GatewayIntentsAsync()).Count.ShouldBe(1);
        (await h.EventsAsync("billing.invoice_paid")).Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_declined_card_is_retried_on_schedule_then_writes_are_refused_until_a_new_card_pays()
    {
        await using var h = await PaymentsHarness.StartAsync(fixture);
        await h.SetCardAsync("pm_card_chargeDeclinedInsufficientFunds");
        var lead = await h.Client.PostAsJsonAsync("/api/v1/leads", new { email = "keep.me@example.com", source = "zillow" });
        await lead.EnsureSuccessAsync();

        var invoiceId = await h.IssueInvoiceAsync(9_900);

        await Poller.UntilAsync(h.StandingAsync, s => s.GetProperty("restricted").GetBoolean(), TimeSpan.FromSeconds(30),
            "dunning runs out after the first charge and three retries");
        var invoice = await h.InvoiceAsync(invoiceId);
        invoice.GetProperty("status").GetString().ShouldBe("open");
        invoice.GetProperty("attempts").GetInt32().ShouldBe(4);
        invoice.GetProperty("overdue").GetBoolean().ShouldBeTrue();
        (await h.EventsAsync()).ShouldBe(["billing.invoice_issued", "billing.payment_failed", "billing.payment_failed",
            "billing.payment_failed", "billing.payment_failed", "billing.account_restricted"]);
        var lastFailure = await fixture.Database.ScalarAsync<string>(
            "SELECT payload::text FROM platform.events WHERE tenant_id = $1 AND type = 'billing.payment_failed' ORDER BY seq DESC LIMIT 1",
            h.Owner.TenantId);
        JsonDocument.Parse(lastFailure!).RootElement.GetProperty("nextAttemptAt").ValueKind.ShouldBe(JsonValueKind.Null);
        var mails = await SmtpSink.Shared.WaitForAsync(h.Owner.Email, 6); // signup confirmation, 4 failures, the restriction
        mails.Count(m => m.Subject!.StartsWith("Payment failed", StringComparison.Ordinal)).ShouldBe(4);
        mails.Single(m => m.Subject!.Contains("restricted", StringComparison.Ordinal)).TextBody!.ShouldContain("/settings/payment");

        var refused = await h.Client.PostAsJsonAsync("/api/v1/leads", new { email = "new.lead@example.com" });
        refused.StatusCode.ShouldBe(HttpStatusCode.PaymentRequired);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>(ApiClient.Json);
        problem.GetProperty("payUrl").GetString().ShouldBe("/settings/payment");
        problem.GetProperty("detail").GetString()!.ShouldContain("nothing has been deleted");
        (await h.Client.GetAsync("/api/v1/leads")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM leads.leads WHERE tenant_id = $1", h.Owner.TenantId)).ShouldBe(1);

        await h.SetCardAsync("pm_card_visa");
        var paid = await h.Client.PostAsync($"/api/v1/payments/invoices/{invoiceId}/pay", null);
        await paid.EnsureSuccessAsync();
        (await paid.Content.ReadFromJsonAsync<JsonElement>(ApiClient.Json)).GetProperty("outcome").GetString().ShouldBe("succeeded");

        (await h.StandingAsync()).GetProperty("restricted").GetBoolean().ShouldBeFalse();
        await (await h.Client.PostAsJsonAsync("/api/v1/leads", new { email = "new.lead@example.com" })).EnsureSuccessAsync();
        (await h.EventsAsync()).TakeLast(2).ShouldBe(["billing.invoice_paid", "billing.account_restored"]);
        (await SmtpSink.Shared.WaitForAsync(h.Owner.Email, 7)).ShouldContain(m => m.Subject!.Contains("restored", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_collection_job_that_crashes_after_the_gateway_charged_does_not_charge_twice()
    {
        await using var h = await PaymentsHarness.StartAsync(fixture, overrides: new Dictionary<string, string?>
        {
            ["Beacon:Jobs:MaxAttempts"] = "50",
        });
        await h.SetCardAsync("pm_card_visa");
        var trigger = $"crash_{h.Owner.TenantId:N}";
        // The job's write after the charge fails, as if the process died there: its transaction rolls back and it is retried.
        await fixture.Database.ScalarAsync<object>($"""
            CREATE FUNCTION payments.{trigger}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'simulated crash after the charge'; END $$;
            CREATE TRIGGER {trigger} BEFORE INSERT ON payments.attempts FOR EACH ROW
              WHEN (NEW.tenant_id = '{h.Owner.TenantId}') EXECUTE FUNCTION payments.{trigger}();
            """);

        var invoiceId = await h.IssueInvoiceAsync();
        await Poller.UntilAsync(async () => (await h.GatewayIntentsAsync()).Count, n => n >= 1, because: "the gateway charged");
        await Poller.UntilAsync(() => fixture.Database.ScalarAsync<long>(
            "SELECT count(*) FROM platform.jobs WHERE tenant_id = $1 AND handler = 'payments.collect' AND last_error LIKE '%simulated crash%'",
            h.Owner.TenantId), n => n >= 1, because: "the job crashed after the charge");
        await fixture.Database.ScalarAsync<object>($"DROP TRIGGER {trigger} ON payments.attempts; DROP FUNCTION payments.{trigger}();");

        var invoice = await h.UntilInvoiceAsync(invoiceId, i => i.GetProperty("status").GetString() == "paid", "the retried job records the payment");
        var intents = await h.GatewayIntentsAsync();
        intents.Count.ShouldBe(1, "the retry replayed the first payment intent through its idempotency key");
        invoice.GetProperty("paymentReference").GetString().ShouldBe(intents[0].GetProperty("id").GetString());
        invoice.GetProperty("attempts").GetInt32().ShouldBe(1);
    }
}
