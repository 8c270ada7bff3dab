using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Beacon.TestKit;
using Microsoft.Playwright;
using Shouldly;
using Xunit;

namespace Beacon.EndToEnd.Web;

/// <summary>Issue 4's acceptance in a real browser: leads appear live, to exactly the people who may see them.</summary>
[Collection("Web")]
public sealed class LiveScreensTests(WebServerFixture web)
{
    [Fact]
    public async Task Signing_in_shows_the_dashboard_and_the_lead_screens_render()
    {
        await using var context = await WebApp.NewContextAsync(web.Browser, web.BaseAddress);
        var page = await WebApp.SignInAsync(context, WebApp.Owner);

        await Assertions.Expect(page.GetByTestId("kpi-today")).ToHaveTextAsync(new Regex(@"\d"), new() { Timeout = 10_000 });
        await Assertions.Expect(page.GetByTestId("live-indicator")).ToHaveAttributeAsync("data-status", "live", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator(".chart canvas")).ToHaveCountAsync(3, new() { Timeout = 10_000 });
        await WebApp.ScreenshotAsync(page, "dashboard-1280", fullPage: true);

        await WebApp.OpenLeadsAsync(page);
        await WebApp.ScreenshotAsync(page, "leads-1280");
        await page.Locator("a.lead-row").First.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Timeline" })).ToBeVisibleAsync();
        await WebApp.ScreenshotAsync(page, "lead-detail-1280", fullPage: true);

        await page.GetByRole(AriaRole.Link, new() { Name = "Import", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByText("Drop a CSV here")).ToBeVisibleAsync();
        await WebApp.ScreenshotAsync(page, "import-1280");

        await using var phone = await WebApp.NewContextAsync(web.Browser, web.BaseAddress, 390, 844);
        var small = await WebApp.SignInAsync(phone, WebApp.Owner);
        await Assertions.Expect(small.GetByTestId("kpi-today")).ToHaveTextAsync(new Regex(@"\d"), new() { Timeout = 10_000 });
        await Assertions.Expect(small.Locator(".chart canvas")).ToHaveCountAsync(3, new() { Timeout = 10_000 });
        await WebApp.ScreenshotAsync(small, "dashboard-390", fullPage: true);
        await WebApp.OpenLeadsAsync(small);
        await WebApp.ScreenshotAsync(small, "leads-390");
        (await small.EvaluateAsync<int>("document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(390, "no sideways scrolling on a phone");
    }

    [Fact]
    public async Task A_lead_created_through_the_API_appears_live_on_two_screens_of_the_tenant()
    {
        await using var first = await WebApp.NewContextAsync(web.Browser, web.BaseAddress);
        await using var second = await WebApp.NewContextAsync(web.Browser, web.BaseAddress);
        var owner = await WebApp.SignInAsync(first, WebApp.Owner);
        var admin = await WebApp.SignInAsync(second, WebApp.Admin);
        await WebApp.OpenLeadsAsync(owner);
        await WebApp.OpenLeadsAsync(admin);
        using var api = await WebApp.ApiAsync(web.BaseAddress, WebApp.Owner);

        var surname = WebApp.UniqueName("Live");
        var sent = LiveArrival.Start();
        await WebApp.CreateLeadAsync(api, "Nora", surname);

        await LiveArrival.ExpectAsync(WebApp.Rows(owner, surname), sent, "new lead on the owner's list");
        await LiveArrival.ExpectAsync(WebApp.Rows(admin, surname), sent, "new lead on the admin's list");
        await Assertions.Expect(WebApp.Rows(owner, surname)).ToHaveCountAsync(1);
        await WebApp.ScreenshotAsync(owner, "leads-live-insert-owner");
        await WebApp.ScreenshotAsync(admin, "leads-live-insert-admin");
    }

    [Fact]
    public async Task The_open_dashboard_counts_a_new_lead_without_reload()
    {
        await using var context = await WebApp.NewContextAsync(web.Browser, web.BaseAddress);
        var page = await WebApp.SignInAsync(context, WebApp.Owner);
        await Assertions.Expect(page.GetByTestId("live-indicator")).ToHaveAttributeAsync("data-status", "live", new() { Timeout = 30_000 });
        var today = page.GetByTestId("kpi-today");
        await Assertions.Expect(today).ToHaveTextAsync(new Regex(@"^[\d,]+$"), new() { Timeout = 10_000 });
        var before = int.Parse((await today.TextContentAsync())!, System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture);
        using var api = await WebApp.ApiAsync(web.BaseAddress, WebApp.Admin);

        var sent = LiveArrival.Start();
        await WebApp.CreateLeadAsync(api, "Dana", WebApp.UniqueName("Dash"));

        var expected = (before + 1).ToString("N0", System.Globalization.CultureInfo.InvariantCulture);
        await LiveArrival.ExpectAsync(page.GetByTestId("kpi-today").Filter(new() { HasTextRegex = new Regex($"^{expected}$") }), sent,
            "new lead counted on the owner's dashboard");
        await WebApp.ScreenshotAsync(page, "dashboard-live-count", fullPage: true);
    }

    [Fact]
    public async Task A_lead_arriving_above_does_not_move_the_row_the_user_is_on()
    {
        await using var context = await WebApp.NewContextAsync(web.Browser, web.BaseAddress);
        var page = await WebApp.SignInAsync(context, WebApp.Owner);
        await WebApp.OpenLeadsAsync(page);
        var id = await page.Locator("li[data-lead-id]").Nth(8).GetAttributeAsync("data-lead-id");
        var row = page.Locator($"li[data-lead-id='{id}'] a");
        await row.FocusAsync();
        await page.Mouse.WheelAsync(0, 250);
        var before = (await row.BoundingBoxAsync())!.Y;
        using var api = await WebApp.ApiAsync(web.BaseAddress, WebApp.Owner);

        var surname = WebApp.UniqueName("Above");
        await WebApp.CreateLeadAsync(api, "Abe", surname);
        await Assertions.Expect(WebApp.Rows(page, surname)).ToHaveCountAsync(1, new() { Timeout = 1_000 });

        var after = (await row.BoundingBoxAsync())!.Y;
        ((double)Math.Abs(after - before)).ShouldBeLessThan(1.0, "the focused row stays where the user's eyes are");
        (await page.EvaluateAsync<string?>("document.activeElement?.closest('li')?.dataset.leadId")).ShouldBe(id);
    }

    [Fact]
    public async Task The_list_filters_scrolls_on_and_is_usable_from_the_keyboard()
    {
        await using var context = await WebApp.NewContextAsync(web.Browser, web.BaseAddress);
        var page = await WebApp.SignInAsync(context, WebApp.Owner);
        await WebApp.OpenLeadsAsync(page);
        var rows = page.Locator("li[data-lead-id]");
        await Assertions.Expect(rows).ToHaveCountAsync(50);

        // Endless scroll: the next page of the keyset cursor loads near the end of the list.
        await page.Locator(".list-end").ScrollIntoViewIfNeededAsync();
        await Assertions.Expect(rows).Not.ToHaveCountAsync(50, new() { Timeout = 10_000 });
        (await rows.CountAsync()).ShouldBeGreaterThan(50);
        var ids = await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.leadId)");
        ids.Distinct().Count().ShouldBe(ids.Length, "no lead twice across pages");

        // Filters: only leads in the chosen stage.
        await page.GetByLabel("Stage").SelectOptionAsync("contacted");
        await Assertions.Expect(page.Locator("li[data-lead-id] .stage-badge").First).ToHaveTextAsync("Contacted", new() { Timeout = 10_000 });
        var stages = await page.Locator("li[data-lead-id] .stage-badge").AllTextContentsAsync();
        stages.ShouldAllBe(s => s == "Contacted");

        // Keyboard: arrows move between rows, Enter opens the lead.
        await page.Locator("a.lead-row").First.FocusAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        var second = await rows.Nth(1).GetAttributeAsync("data-lead-id");
        (await page.EvaluateAsync<string?>("document.activeElement?.closest('li')?.dataset.leadId")).ShouldBe(second);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/leads/{second}$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Timeline" })).ToBeVisibleAsync(new() { Timeout = 10_000 });
    }

    [Fact]
    public async Task Another_tenant_and_an_agent_who_does_not_hold_the_lead_see_nothing_of_it()
    {
        using var ownerApi = await WebApp.ApiAsync(web.BaseAddress, WebApp.Owner);
        var agentId = await WebApp.UserIdAsync(ownerApi, WebApp.Agent);
        var teamLeadId = await WebApp.UserIdAsync(ownerApi, WebApp.TeamLead);

        // A brokerage of its own, with an owner who signs in through the same browser.
        var other = await ApiClient.SignupAsync(() => new HttpClient { BaseAddress = web.BaseAddress }, "Other Realty");
        await using var otherContext = await WebApp.NewContextAsync(web.Browser, web.BaseAddress);
        await using var agentContext = await WebApp.NewContextAsync(web.Browser, web.BaseAddress);
        await using var ownerContext = await WebApp.NewContextAsync(web.Browser, web.BaseAddress);
        var otherPage = await WebApp.SignInAsync(otherContext, other.Email, other.Password);
        var agentPage = await WebApp.SignInAsync(agentContext, WebApp.Agent);
        var ownerPage = await WebApp.SignInAsync(ownerContext, WebApp.Owner);
        await WebApp.OpenLeadsAsync(otherPage);
        await WebApp.OpenLeadsAsync(agentPage);
        await WebApp.OpenLeadsAsync(ownerPage);

        var hidden = WebApp.UniqueName("Hidden");
        var sent = LiveArrival.Start();
        await WebApp.CreateLeadAsync(ownerApi, "Hugo", hidden, assignTo: teamLeadId);
        await LiveArrival.ExpectAsync(WebApp.Rows(ownerPage, hidden), sent, "team lead's new lead on the owner's list");

        // Later events that each of them may see prove their streams are flowing past the hidden lead's cursor.
        var agentOwn = WebApp.UniqueName("Mine");
        sent = LiveArrival.Start();
        await WebApp.CreateLeadAsync(ownerApi, "Ada", agentOwn, assignTo: agentId);
        await LiveArrival.ExpectAsync(WebApp.Rows(agentPage, agentOwn), sent, "the agent's own new lead on the agent's list");
        var otherOwn = WebApp.UniqueName("Theirs");
        sent = LiveArrival.Start();
        await WebApp.CreateLeadAsync(other.Client, "Otto", otherOwn);
        await LiveArrival.ExpectAsync(WebApp.Rows(otherPage, otherOwn), sent, "another tenant's new lead on its owner's list");

        await Assertions.Expect(WebApp.Rows(agentPage, hidden)).ToHaveCountAsync(0);
        await Assertions.Expect(WebApp.Rows(otherPage, hidden)).ToHaveCountAsync(0);
        await Assertions.Expect(WebApp.Rows(otherPage, agentOwn)).ToHaveCountAsync(0);
        await Assertions.Expect(WebApp.Rows(ownerPage, otherOwn)).ToHaveCountAsync(0);
        await WebApp.ScreenshotAsync(agentPage, "leads-agent-view");
    }

    [Fact]
    public async Task With_WebSockets_blocked_updates_arrive_by_long_polling()
    {
        await using var blocked = await WebApp.NewContextAsync(web.Browser, web.BaseAddress);
        // Every WebSocket to the live endpoint is answered here and closed at once: what a proxy without upgrades does.
        await blocked.RouteWebSocketAsync("**/api/v1/live**", socket => socket.CloseAsync());
        var page = await WebApp.SignInAsync(blocked, WebApp.Owner);
        await WebApp.OpenLeadsAsync(page, status: "polling");
        using var api = await WebApp.ApiAsync(web.BaseAddress, WebApp.Owner);

        var surname = WebApp.UniqueName("Poll");
        var sent = LiveArrival.Start();
        await WebApp.CreateLeadAsync(api, "Pia", surname);

        await LiveArrival.ExpectAsync(WebApp.Rows(page, surname), sent, "new lead by long-polling");
        await Assertions.Expect(page.GetByTestId("live-indicator")).ToHaveAttributeAsync("data-status", "polling");
        await WebApp.ScreenshotAsync(page, "leads-polling");
    }

    [Fact]
    public async Task The_open_lead_updates_when_someone_else_changes_it()
    {
        await using var context = await WebApp.NewContextAsync(web.Browser, web.BaseAddress);
        var page = await WebApp.SignInAsync(context, WebApp.Owner);
        using var api = await WebApp.ApiAsync(web.BaseAddress, WebApp.Admin);
        var surname = WebApp.UniqueName("Open");
        var id = await WebApp.CreateLeadAsync(api, "Olga", surname);
        await page.GotoAsync($"/leads/{id}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Timeline" })).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await Assertions.Expect(page.GetByTestId("live-indicator")).ToHaveAttributeAsync("data-status", "live", new() { Timeout = 30_000 });

        var note = "Called back about the open house " + surname;
        var sent = LiveArrival.Start();
        (await api.PostAsJsonAsync($"/api/v1/leads/{id}/activities", new { type = "note", body = note })).EnsureSuccessStatusCode();

        await LiveArrival.ExpectAsync(page.GetByText(note), sent, "someone else's note on the open lead");
        await WebApp.ScreenshotAsync(page, "lead-detail-live-note", fullPage: true);
    }

    [Fact]
    public async Task An_edit_that_lost_a_race_is_explained_kindly()
    {
        await using var context = await WebApp.NewContextAsync(web.Browser, web.BaseAddress);
        var page = await WebApp.SignInAsync(context, WebApp.Owner);
        using var api = await WebApp.ApiAsync(web.BaseAddress, WebApp.Admin);
        var id = await WebApp.CreateLeadAsync(api, "Edda", WebApp.UniqueName("Race"));
        await page.GotoAsync($"/leads/{id}/edit");
        await page.GetByLabel("Tags").FillAsync("vip");

        var changed = await api.PatchAsJsonAsync($"/api/v1/leads/{id}", new { stage = "contacted" });
        changed.EnsureSuccessStatusCode();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();

        await Assertions.Expect(page.GetByText("Someone else saved this lead while you were editing")).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await WebApp.ScreenshotAsync(page, "lead-edit-conflict", fullPage: true);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save my changes on top of theirs" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Timeline" })).ToBeVisibleAsync(new() { Timeout = 10_000 });

        var lead = await api.GetFromJsonAsync<JsonElement>($"/api/v1/leads/{id}");
        lead.GetProperty("stage").GetString().ShouldBe("contacted");
        lead.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).ShouldContain("vip");
    }
}
