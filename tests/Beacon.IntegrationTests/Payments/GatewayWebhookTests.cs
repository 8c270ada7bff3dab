using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Beacon.TestKit;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Payments;

/// <summary>The gateway's webhook, fed events signed here exactly as the gateway signs them (Stripe's scheme).</summary>
[Collection(PaymentsCollection.Name)]
public sealed class GatewayWebhookTests(PaymentsFixture fixture)
{
    // A day between retries: after the first (card-less) attempt fails the invoice stays open for the test's events.
    private Task<PaymentsHarness> StartAsync() => PaymentsHarness.StartAsync(fixture, "1.00:00:00");

    private static async Task<Guid> OpenInvoiceAsync(PaymentsHarness h)
    {
        var invoiceId = await h.IssueInvoiceAsync();
        await h.UntilInvoiceAsync(invoiceId, i => i.GetProperty("attempts").GetInt32() == 1, "the first attempt fails: no card on file");
        return invoiceId;
    }

    [Fact]
    public async Task A_forged_or_stale_webhook_is_refused_with_400_and_changes_nothing()
    {
        await using var h = await StartAsync();
        var invoiceId = await OpenInvoiceAsync(h);
        var anonymous = h.Factory.CreateClient();
        var body = GatewayEvents.Event("evt_forged", "payment_intent.succeeded", h.Owner.TenantId, invoiceId);

        var forged = await anonymous.SendAsync(GatewayEvents.Signed(body, secret: "whsec_guessed"));
        var stale = await anonymous.SendAsync(GatewayEvents.Signed(body, age: TimeSpan.FromMinutes(10)));
        var tampered = GatewayEvents.Signed(body);
        tampered.Content = new StringContent(body.Replace("14900", "1", StringComparison.Ordinal), Encoding.UTF8, "application/json");
        var edited = await anonymous.SendAsync(tampered);

        forged.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        stale.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        edited.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await forged.Content.ReadFromJsonAsync<JsonElement>(ApiClient.Json)).GetProperty("field").GetString().ShouldBe("Stripe-Signature");
        (await h.InvoiceAsync(invoiceId)).GetProperty("status").GetString().ShouldBe("open");
        (await fixture.Database.ScalarAsync<long>("SELECT count(*) FROM payments.gateway_events WHERE tenant_id = $1", h.Owner.TenantId))
            .ShouldBe(0);
    }

    [Fact]
    public async Task A_duplicate_webhook_is_answered_200_and_applied_once()
    {
        await using var h = await StartAsync();
        var invoiceId = await OpenInvoiceAsync(h);
        var anonymous = h.Factory.CreateClient();
        var body = GatewayEvents.Event("evt_paid_once", "payment_intent.succeeded", h.Owner.TenantId, invoiceId);

        var first = await anonymous.SendAsync(GatewayEvents.Signed(body));
        var again = await anonymous.SendAsync(GatewayEvents.Signed(body));

        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await first.Content.ReadFromJsonAsync<JsonElement>(ApiClient.Json)).GetProperty("outcome").GetString().ShouldBe("applied");
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await again.Content.ReadFromJsonAsync<JsonElement>(ApiClient.Json)).GetProperty("outcome").GetString().ShouldBe("duplicate");
        var invoice = await h.InvoiceAsync(invoiceId);
        invoice.GetProperty("status").GetString().ShouldBe("paid");
        invoice.GetProperty("paymentReference").GetString().ShouldBe("pi_evt_paid_once");
        (await h.EventsAsync("billing.invoice_paid")).Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_failure_event_arriving_after_the_success_does_not_unpay_the_invoice()
    {
        await using var h = await StartAsync();
        var invoiceId = await OpenInvoiceAsync(h);
        var anonymous = h.Factory.CreateClient();

        await (await anonymous.SendAsync(GatewayEvents.Signed(GatewayEvents.Event("evt_b_success", "payment_intent.succeeded", h.Owner.TenantId, invoiceId)))).EnsureSuccessAsync();
        var late = await anonymous.SendAsync(GatewayEvents.Signed(GatewayEvents.Event("evt_a_failure", "payment_intent.payment_failed", h.Owner.TenantId, invoiceId)));

        late.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await late.Content.ReadFromJsonAsync<JsonElement>(ApiClient.Json)).GetProperty("outcome").GetString().ShouldBe("ignored");
        (await h.InvoiceAsync(invoiceId)).GetProperty("status").GetString().ShouldBe("paid");
    }
}
