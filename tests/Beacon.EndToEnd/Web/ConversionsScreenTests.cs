using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Beacon.TestKit;
using Microsoft.Playwright;
using Xunit;

namespace Beacon.EndToEnd.Web;

/// <summary>The conversion dashboard in a real browser, kept live by the stream while someone else works.</summary>
[Collection("Web")]
public sealed class ConversionsScreenTests(WebServerFixture web)
{
    [Fact]
    public async Task A_lead_closed_by_a_deal_on_one_screen_moves_the_funnel_on_a_second_open_screen()
    {
        using var api = await WebApp.ApiAsync(web.BaseAddress, WebApp.Owner);
        // A source of its own, so the figures on screen are this test's lead alone, whatever the demo data does.
        var source = WebApp.UniqueName("e2e-funnel-").ToLowerInvariant();
        var created = await api.PostAsJsonAsync("/api/v1/leads",
            new { firstName = "Fay", lastName = WebApp.UniqueName("Funnel"), email = $"{Guid.NewGuid():N}@example.test", source });
        await created.EnsureSuccessAsync();
        var lead = (await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetGuid();
        await using var watching = await WebApp.NewContextAsync(web.Browser, web.BaseAddress);
        var page = await WebApp.SignInAsync(watching, WebApp.Owner);
        await page.GetByRole(AriaRole.Link, new() { Name = "Conversions" }).ClickAsync();
        await page.GotoAsync($"/reports/conversions?source={source}");
        var newStep = page.Locator("li[data-stage='new'] b");
        var closedStep = page.Locator("li[data-stage='closed'] b");
        await Assertions.Expect(newStep).ToHaveTextAsync("1", new() { Timeout = 15_000 });
        await Assertions.Expect(closedStep).ToHaveTextAsync("0");

        // A second screen: the lead's page, where a person closes the lead.
        await using var working = await WebApp.NewContextAsync(web.Browser, web.BaseAddress);
        var other = await WebApp.SignInAsync(working, WebApp.Owner);
        await other.GotoAsync($"/leads/{lead}");
        await other.GetByRole(AriaRole.Button, new() { Name = "Record deal" }).ClickAsync();
        await other.GetByLabel("Price ($)").FillAsync("450000");
        await other.GetByLabel("Commission / GCI ($)").FillAsync("13500");
        var saved = LiveArrival.Start();
        await other.GetByRole(AriaRole.Button, new() { Name = "Save deal" }).ClickAsync();

        // The watching screen follows without a reload; how long it took (the "≤ 2 s") goes to live-arrival.txt.
        await LiveArrival.ExpectAsync(page.Locator("li[data-stage='closed'] b", new() { HasTextRegex = new Regex("^1$") }), saved,
            "a deal closed on one screen moves the funnel on a second open screen");
        await Assertions.Expect(closedStep).ToHaveTextAsync("1", new() { Timeout = 10_000 });
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = "$13,500" }).First).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await WebApp.ScreenshotAsync(page, "conversions", fullPage: true);
    }
}
