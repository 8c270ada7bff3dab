using Microsoft.Playwright;
using Shouldly;
using Xunit;

namespace Beacon.EndToEnd.Web;

/// <summary>Usage and Plan &amp; invoices in a real browser, on the demo brokerage (Brokerage plan, five seats).</summary>
[Collection("Web")]
public sealed class BillingScreensTests(WebServerFixture web)
{
    [Fact]
    public async Task An_owner_sees_the_months_usage_per_meter_and_previews_a_plan_change_before_confirming_it()
    {
        await using var context = await WebApp.NewContextAsync(web.Browser, web.BaseAddress);
        var page = await WebApp.SignInAsync(context, WebApp.Owner);

        await page.GetByRole(AriaRole.Link, new() { Name = "Settings" }).ClickAsync();
        var settings = page.GetByRole(AriaRole.Navigation, new() { Name = "Settings" });
        await settings.GetByRole(AriaRole.Link, new() { Name = "Usage", Exact = true }).ClickAsync();
        var seats = page.Locator("tr[data-meter='active_seats']");
        await Assertions.Expect(seats).ToContainTextAsync("Active seats");
        await Assertions.Expect(seats.GetByRole(AriaRole.Img)).ToHaveAttributeAsync("aria-label", new System.Text.RegularExpressions.Regex(@"^\d+ of 60 included$"));
        await WebApp.ScreenshotAsync(page, "billing-usage", fullPage: true);

        await settings.GetByRole(AriaRole.Link, new() { Name = "Plan & invoices" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("current-plan")).ToHaveTextAsync("Brokerage");
        await page.GetByRole(AriaRole.Button, new() { Name = "Switch to Team" }).ClickAsync();
        var preview = page.GetByRole(AriaRole.Region, new() { Name = "Plan change preview" });
        await Assertions.Expect(preview).ToContainTextAsync("prorated by the second");
        (await preview.GetByRole(AriaRole.Row).CountAsync()).ShouldBeGreaterThanOrEqualTo(2, "the old plan, its credit and the new plan");
        await WebApp.ScreenshotAsync(page, "billing-plan-preview", fullPage: true);

        // The demo brokerage is shared by the browser tests: cancel, and the plan stays as it was.
        await preview.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Assertions.Expect(preview).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("current-plan")).ToHaveTextAsync("Brokerage");
    }

    [Fact]
    public async Task An_agent_has_no_billing_screens()
    {
        await using var context = await WebApp.NewContextAsync(web.Browser, web.BaseAddress);
        var page = await WebApp.SignInAsync(context, WebApp.Agent);

        await page.GetByRole(AriaRole.Link, new() { Name = "Settings" }).ClickAsync();
        var settings = page.GetByRole(AriaRole.Navigation, new() { Name = "Settings" });
        await Assertions.Expect(settings.GetByRole(AriaRole.Link, new() { Name = "Profile" })).ToBeVisibleAsync();
        await Assertions.Expect(settings.GetByRole(AriaRole.Link, new() { Name = "Usage", Exact = true })).ToHaveCountAsync(0);
        await Assertions.Expect(settings.GetByRole(AriaRole.Link, new() { Name = "Plan & invoices" })).ToHaveCountAsync(0);
        await page.GotoAsync(new Uri(web.BaseAddress, "/settings/billing").ToString());
        await Assertions.Expect(page.GetByTestId("current-plan")).ToHaveCountAsync(0);
    }
}
