using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Beacon.TestKit;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Payments;

[Collection(PaymentsCollection.Name)]
public sealed class PaymentMethodTests(PaymentsFixture fixture)
{
    [Theory]
    [InlineData("")]
    [InlineData("4242424242424242")]
    [InlineData("pm_card_nonsense")]
    public async Task A_bad_card_token_is_refused_with_400_naming_the_token_and_keeps_the_card_on_file(string token)
    {
        await using var h = await PaymentsHarness.StartAsync(fixture);
        await h.SetCardAsync("pm_card_visa");

        var response = await h.Client.PutAsJsonAsync("/api/v1/payments/method", new { token });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ApiClient.Json);
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name.ToLowerInvariant()).ShouldContain("token");
        var method = await h.Client.GetFromJsonAsync<JsonElement>("/api/v1/payments/method", ApiClient.Json);
        method.GetProperty("card").GetProperty("last4").GetString().ShouldBe("4242");
    }

    [Fact]
    public async Task Replacing_the_card_shows_the_new_brand_and_last_digits_and_later_charges_use_it()
    {
        await using var h = await PaymentsHarness.StartAsync(fixture);
        await h.SetCardAsync("pm_card_chargeDeclined");
        await h.SetCardAsync("pm_card_mastercard");

        var method = await h.Client.GetFromJsonAsync<JsonElement>("/api/v1/payments/method", ApiClient.Json);
        method.GetProperty("card").GetProperty("brand").GetString().ShouldBe("mastercard");
        var invoiceId = await h.IssueInvoiceAsync();
        await h.UntilInvoiceAsync(invoiceId, i => i.GetProperty("status").GetString() == "paid", "the new card pays");
    }

    [Fact]
    public async Task Paying_an_already_paid_invoice_is_refused_and_charges_nothing_more()
    {
        await using var h = await PaymentsHarness.StartAsync(fixture);
        await h.SetCardAsync("pm_card_visa");
        var invoiceId = await h.IssueInvoiceAsync();
        await h.UntilInvoiceAsync(invoiceId, i => i.GetProperty("status").GetString() == "paid", "collected");

        var again = await h.Client.PostAsync($"/api/v1/payments/invoices/{invoiceId}/pay", null);

        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await h.GatewayIntentsAsync()).Count.ShouldBe(1);
        (await h.Client.PostAsync($"/api/v1/payments/invoices/{Guid.NewGuid()}/pay", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
