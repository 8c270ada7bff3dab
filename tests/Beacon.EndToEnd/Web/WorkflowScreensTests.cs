using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit;

namespace Beacon.EndToEnd.Web;

/// <summary>Workflows and My tasks in a real browser: settings, the builder, an enrollment whose e-mail went out, a task done.</summary>
[Collection("Web")]
public sealed class WorkflowScreensTests(WebServerFixture web)
{
    [Fact]
    public async Task A_team_lead_builds_a_welcome_workflow_sees_a_new_lead_emailed_on_the_enrollments_screen_and_completes_a_task()
    {
        // The postal address is an admin's setting (docs/api/roles.md); the brokerage zone is one where it is daytime
        // now, so the welcome e-mail is not deferred by quiet hours.
        await using (var adminContext = await WebApp.NewContextAsync(web.Browser, web.BaseAddress))
        {
            var admin = await WebApp.SignInAsync(adminContext, WebApp.Admin);
            await admin.GetByRole(AriaRole.Link, new() { Name = "Settings" }).ClickAsync();
            await admin.GetByRole(AriaRole.Navigation, new() { Name = "Settings" }).GetByRole(AriaRole.Link, new() { Name = "Workflows" }).ClickAsync();
            await admin.GetByLabel("Postal address").FillAsync("Demo Realty, 1 Main St, Springfield, IL 62701");
            await admin.GetByLabel("Brokerage time zone").FillAsync(DaytimeZone());
            await admin.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
            await Assertions.Expect(admin.GetByText("Saved.")).ToBeVisibleAsync();
        }

        await using var context = await WebApp.NewContextAsync(web.Browser, web.BaseAddress);
        var page = await WebApp.SignInAsync(context, WebApp.TeamLead);
        var name = WebApp.UniqueName("Welcome ");
        await page.GetByRole(AriaRole.Link, new() { Name = "Workflows" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "New workflow" }).ClickAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await page.GetByLabel("Subject", new() { Exact = true }).FillAsync("Welcome {{lead.firstName|there}}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create workflow" }).ClickAsync();
        var row = page.GetByRole(AriaRole.Row, new() { Name = name });
        await Assertions.Expect(row).ToBeVisibleAsync(new() { Timeout = 10_000 });

        var surname = WebApp.UniqueName("Flow");
        await page.GotoAsync("/leads/new");
        await page.GetByLabel("First name").FillAsync("Fiona");
        await page.GetByLabel("Last name").FillAsync(surname);
        await page.GetByLabel("Email").FillAsync($"{surname.ToLowerInvariant()}@example.test");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create lead" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/leads/[0-9a-f-]{36}$"), new() { Timeout = 10_000 });
        await page.GetByRole(AriaRole.Button, new() { Name = "New task for this lead" }).ClickAsync();
        var task = $"Call Fiona {surname}";
        await page.GetByLabel("What to do").FillAsync(task);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add task" }).ClickAsync();
        await Assertions.Expect(page.GetByText($"Task “{task}” added.")).ToBeVisibleAsync(new() { Timeout = 10_000 });

        await page.GetByRole(AriaRole.Link, new() { Name = "Workflows" }).ClickAsync();
        await row.GetByRole(AriaRole.Link, new() { Name = "Enrollments" }).ClickAsync();
        var sent = page.GetByText($"step 1: e-mail \"Welcome Fiona\" sent to {surname.ToLowerInvariant()}@example.test");
        // The step runs on the job queue: read the screen again until it shows.
        for (var i = 0; i < 40 && await sent.CountAsync() == 0; i++)
        {
            await page.WaitForTimeoutAsync(250);
            await page.ReloadAsync();
        }

        await Assertions.Expect(sent).ToBeVisibleAsync();
        await WebApp.ScreenshotAsync(page, "workflow-enrollments", fullPage: true);

        await page.GetByRole(AriaRole.Link, new() { Name = "My tasks" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = $"Complete “{task}”" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = $"Reopen “{task}”" })).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await WebApp.ScreenshotAsync(page, "my-tasks", fullPage: true);

        // The demo brokerage is shared by the browser tests: pause the workflow so it enrolls none of their leads.
        await page.GetByRole(AriaRole.Link, new() { Name = "Workflows" }).ClickAsync();
        await row.GetByRole(AriaRole.Button, new() { Name = "Pause" }).ClickAsync();
        await Assertions.Expect(row.GetByRole(AriaRole.Button, new() { Name = "Resume" })).ToBeVisibleAsync();
    }

    private static string DaytimeZone() =>
        new[] { "Europe/London", "Asia/Tokyo", "America/New_York", "Pacific/Honolulu", "Asia/Kolkata", "America/Chicago" }.First(z =>
            TimeZoneInfo.ConvertTime(TimeProvider.System.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById(z)).Hour is >= 9 and < 20);
}
