using Microsoft.Playwright;
using Xunit;

namespace Beacon.EndToEnd.Web;

/// <summary>A tag trigger in a real browser: the enrollments screen shows a lead enrolled by another tab, without a reload.</summary>
[Collection("Web")]
public sealed class WorkflowLiveTests(WebServerFixture web)
{
    [Fact]
    public async Task Tagging_a_lead_in_another_tab_enrolls_it_and_the_open_enrollments_screen_shows_it_live()
    {
        await using var watching = await WebApp.NewContextAsync(web.Browser, web.BaseAddress);
        var page = await WebApp.SignInAsync(watching, WebApp.TeamLead);
        var name = WebApp.UniqueName("Tagged ");
        var tag = WebApp.UniqueName("hot-").ToLowerInvariant();
        await page.GetByRole(AriaRole.Link, new() { Name = "Workflows" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "New workflow" }).ClickAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await page.GetByLabel("Starts when").SelectOptionAsync("tag_added");
        await page.GetByLabel("Tag", new() { Exact = true }).FillAsync(tag);
        await page.GetByLabel("A lead may go through it").SelectOptionAsync("after_exit");
        await page.GetByLabel("Step 1: kind").SelectOptionAsync("goal");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create workflow" }).ClickAsync();
        var row = page.GetByRole(AriaRole.Row, new() { Name = name });
        await row.GetByRole(AriaRole.Link, new() { Name = "Enrollments" }).ClickAsync();
        await Assertions.Expect(page.GetByText("No one is enrolled yet")).ToBeVisibleAsync(new() { Timeout = 10_000 });

        await using (var editing = await WebApp.NewContextAsync(web.Browser, web.BaseAddress))
        {
            var other = await WebApp.SignInAsync(editing, WebApp.TeamLead);
            var surname = WebApp.UniqueName("Tag");
            await other.GotoAsync("/leads/new");
            await other.GetByLabel("First name").FillAsync("Tess");
            await other.GetByLabel("Last name").FillAsync(surname);
            await other.GetByLabel("Email").FillAsync($"{surname.ToLowerInvariant()}@example.test");
            await other.GetByRole(AriaRole.Button, new() { Name = "Create lead" }).ClickAsync();
            await other.GetByRole(AriaRole.Link, new() { Name = "Edit lead" }).ClickAsync();
            await other.GetByLabel("Tags").FillAsync(tag);
            await other.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
            await Assertions.Expect(other.GetByRole(AriaRole.Link, new() { Name = "Edit lead" })).ToBeVisibleAsync(new() { Timeout = 10_000 });
        }

        // No reload here: the enrollment's live events refresh the screen (its fallback poll is 30 s away).
        await Assertions.Expect(page.GetByText($"enrolled: tag \"{tag}\" added by an edit")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Assertions.Expect(page.GetByText("every step done", new() { Exact = true })).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await WebApp.ScreenshotAsync(page, "workflow-enrollments-live", fullPage: true);
    }
}
