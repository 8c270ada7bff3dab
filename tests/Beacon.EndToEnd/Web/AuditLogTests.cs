using System.Net.Http.Json;
using Beacon.TestKit;
using Microsoft.Playwright;
using Xunit;

namespace Beacon.EndToEnd.Web;

/// <summary>The audit log in the browser: an admin finds a lead's change, reads its before and after, checks the chain.</summary>
[Collection("Web")]
public sealed class AuditLogTests(WebServerFixture web)
{
    [Fact]
    public async Task An_admin_sees_who_changed_a_lead_from_what_to_what_and_that_the_trail_is_intact()
    {
        var api = await WebApp.ApiAsync(web.BaseAddress, WebApp.Admin);
        var surname = WebApp.UniqueName("Aud");
        var lead = await WebApp.CreateLeadAsync(api, "Nora", surname);
        await (await api.PatchAsJsonAsync($"/api/v1/leads/{lead}", new { firstName = "Norah" })).EnsureSuccessAsync();

        await using var context = await WebApp.NewContextAsync(web.Browser, web.BaseAddress);
        var page = await WebApp.SignInAsync(context, WebApp.Admin);
        await page.GetByRole(AriaRole.Link, new() { Name = "Audit log" }).ClickAsync();
        await page.GetByLabel("Record id").FillAsync(lead.ToString());
        await page.GetByLabel("Record id").PressAsync("Enter");

        // Once the filter applies, every row is about this lead (the sign-ins listed before are not); click only then,
        // or the click lands on a row about to be replaced.
        var rows = page.GetByTestId("audit-list").Locator("li");
        await Assertions.Expect(rows.Filter(new() { HasNotText = lead.ToString() })).ToHaveCountAsync(0, new() { Timeout = 20_000 });
        await rows.Filter(new() { HasText = "lead.updated" }).GetByRole(AriaRole.Button).ClickAsync();
        var firstName = page.Locator(".audit-diff tr").Filter(new() { HasText = "firstName" });
        await Assertions.Expect(firstName.Locator(".audit-before")).ToHaveTextAsync("Nora");
        await Assertions.Expect(firstName.Locator(".audit-after")).ToHaveTextAsync("Norah");

        await page.GetByRole(AriaRole.Button, new() { Name = "Verify integrity" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("audit-verdict")).ToContainTextAsync("intact", new() { Timeout = 20_000 });
        await WebApp.ScreenshotAsync(page, "audit-log", fullPage: true);
    }
}
