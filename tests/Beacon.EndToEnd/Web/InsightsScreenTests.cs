using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Shouldly;
using Xunit;

namespace Beacon.EndToEnd.Web;

/// <summary>Insights in a real browser: a manager pulls the kill switch; a second manager's open screen follows live.</summary>
[Collection("Web")]
public sealed class InsightsScreenTests(WebServerFixture web)
{
    [Fact]
    public async Task An_owner_flips_the_kill_switch_and_an_admins_open_insights_screen_shows_it_live_and_back()
    {
        var api = await WebApp.ApiAsync(web.BaseAddress, WebApp.Owner);
        await using var ownerContext = await WebApp.NewContextAsync(web.Browser, web.BaseAddress);
        await using var adminContext = await WebApp.NewContextAsync(web.Browser, web.BaseAddress);
        var owner = await WebApp.SignInAsync(ownerContext, WebApp.Owner);
        var admin = await WebApp.SignInAsync(adminContext, WebApp.Admin);
        try
        {
            await admin.GetByRole(AriaRole.Link, new() { Name = "Insights" }).ClickAsync();
            var watching = admin.GetByTestId("ab-panel").GetByTestId("serving-text");
            await Assertions.Expect(watching).Not.ToContainTextAsync("Kill switch on", new() { Timeout = 15_000 });
            await owner.GetByRole(AriaRole.Link, new() { Name = "Insights" }).ClickAsync();
            var panel = owner.GetByTestId("ab-panel");

            await panel.GetByRole(AriaRole.Button, new() { Name = "Kill switch: score with rules" }).ClickAsync();
            var dialog = owner.GetByRole(AriaRole.Dialog);
            await dialog.GetByLabel("Reason (kept in the audit trail)").FillAsync("Browser drill");
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
            await Assertions.Expect(panel.GetByTestId("serving-text")).ToContainTextAsync("Kill switch on", new() { Timeout = 10_000 });
            // Well inside the 30 s polling fallback: the admin's screen follows the live event.
            await Assertions.Expect(watching).ToContainTextAsync("Kill switch on: every lead is scored by the rules (Browser drill)",
                new() { Timeout = 8_000 });
            await WebApp.ScreenshotAsync(owner, "insights-kill-switch", fullPage: true);
            var view = await api.GetFromJsonAsync<JsonElement>("/api/v1/models/serving");
            (view.GetProperty("rulesOnly").GetBoolean(), view.GetProperty("servedBy").GetString()).ShouldBe((true, "rules"));

            await panel.GetByRole(AriaRole.Button, new() { Name = "Serve the models again" }).ClickAsync();
            await dialog.GetByLabel("Reason (kept in the audit trail)").FillAsync("Drill over");
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
            await Assertions.Expect(watching).Not.ToContainTextAsync("Kill switch on", new() { Timeout = 8_000 });
        }
        finally
        {
            // The demo brokerage is shared by the browser tests: never leave it on the rules.
            await api.PutAsJsonAsync("/api/v1/models/serving/kill-switch", new { on = false, reason = "test cleanup" });
        }
    }
}
