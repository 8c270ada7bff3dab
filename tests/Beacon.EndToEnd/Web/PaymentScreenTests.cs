using System.Text.RegularExpressions;
using Beacon.TestKit;
using Beacon.TestKit.Sandbox;
using Microsoft.Playwright;
using Shouldly;
using Xunit;

namespace Beacon.EndToEnd.Web;

/// <summary>
/// Settings → Payment in a real browser against a real server and the sandbox gateway: a restricted brokerage's owner
/// adds a card, pays the overdue invoice, and the banner goes away. The server runs on a throwaway database of its own
/// so the test can put an invoice in collection as Billing would (the billing module lives on another branch).
/// </summary>
[Collection("Web")]
public sealed class PaymentScreenTests(WebServerFixture web)
{
    [Fact]
    public async Task An_owner_adds_a_card_and_pays_the_overdue_invoice_and_the_restriction_banner_goes_away()
    {
        await using var database = new TestDatabase();
        await database.InitializeAsync();
        await using var gateway = await SandboxProcess.StartAsync();
        await using var server = await ServerProcess.StartAsync(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Beacon"] = database.AppConnectionString,
            ["ConnectionStrings:BeaconAdmin"] = database.AdminConnectionString,
            ["Beacon:Auth:KeyEncryptionKey"] = database.KeyEncryptionKey,
            ["Beacon:Payments:BaseUrl"] = gateway.BaseAddress.ToString(),
            ["Beacon:Payments:ApiKey"] = "sk_test_sandbox",
            ["Beacon:Payments:WebhookSecret"] = "whsec_e2e",
            ["contentRoot"] = WebApp.ServerContentRoot,
            ["Logging:LogLevel:Default"] = "Warning",
        }, TimeSpan.FromSeconds(120));
        var owner = await ApiClient.SignupAsync(() => new HttpClient { BaseAddress = server.BaseAddress });
        var invoice = Guid.CreateVersion7();
        await database.ScalarAsync<object>("""
            INSERT INTO payments.invoices (tenant_id, invoice_id, number, amount_cents, currency, due_at, status, attempts, dunning_step, exhausted, issued_at)
            VALUES ($1, $2, 'INV-2026-0042', 14900, 'usd', now(), 'open', 4, 4, true, now())
            """, owner.TenantId, invoice);
        await database.ScalarAsync<object>("""
            INSERT INTO payments.standing (tenant_id, restricted, invoice_id, reason, restricted_at)
            VALUES ($1, true, $2, 'Invoice INV-2026-0042 is unpaid after every scheduled payment attempt.', now())
            """, owner.TenantId, invoice);

        await using var context = await WebApp.NewContextAsync(web.Browser, server.BaseAddress);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/signin");
        await page.GetByLabel("Email").FillAsync(owner.Email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(owner.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        var banner = page.Locator(".standing-banner");
        await Assertions.Expect(banner).ToContainTextAsync("Your account is restricted", new() { Timeout = 20_000 });

        await banner.GetByRole(AriaRole.Link, new() { Name = "Pay the invoice" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/settings/payment$"));
        await Assertions.Expect(page.GetByTestId("card-on-file")).ToHaveTextAsync("No card on file yet.", new() { Timeout = 10_000 });
        await page.GetByLabel(new Regex("test card")).SelectOptionAsync("pm_card_visa");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add card" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("card-on-file")).ToContainTextAsync("Visa •••• 4242", new() { Timeout = 10_000 });
        await WebApp.ScreenshotAsync(page, "payment-restricted-with-card", fullPage: true);
        await page.GetByRole(AriaRole.Button, new() { Name = "Pay INV-2026-0042 now" }).ClickAsync();

        await Assertions.Expect(page.Locator(".alert-info")).ToContainTextAsync("INV-2026-0042 is paid", new() { Timeout = 15_000 });
        await Assertions.Expect(banner).ToHaveCountAsync(0, new() { Timeout = 10_000 });
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Payment attempts" })).ToContainTextAsync("Pay now");
        (await database.ScalarAsync<string>("SELECT status FROM payments.invoices WHERE invoice_id = $1", invoice)).ShouldBe("paid");
    }
}
