using System.Diagnostics;
using System.Net.Http.Json;
using Beacon.Acceptance.Stack;
using Beacon.TestKit;
using Microsoft.Playwright;
using Xunit;

namespace Beacon.Acceptance.FirstPlan;

/// <summary>
/// The first plan's scenario 3: several people's screens stay open while leads are captured, scored, enriched and moved,
/// and every screen follows without a reload: lists, the dashboard's count, the lead's score, data and stage.
/// </summary>
[Collection(AcceptanceCollection.Name)]
public sealed class RealTimeDashboardTests(AcceptanceStack stack)
{
    [Fact]
    public async Task Scenario_3_real_time_dashboard_updates()
    {
        var scenario = new Scenario("Scenario 3 (real-time dashboard updates)", steps: 6);
        using var sandbox = new HttpClient { BaseAddress = stack.Sandbox.BaseAddress };
        var (owner, agentId, agentEmail) = await scenario.StepAsync("a brokerage signs up with an agent", async () =>
        {
            var session = await stack.SignupAsync("Live Realty");
            var (id, email, _) = await ApiClient.AddMemberAsync(session, stack.Anonymous, "agent");
            return (session, id, email);
        });

        await using var ownerBrowser = await stack.NewContextAsync();
        await using var agentBrowser = await stack.NewContextAsync();
        var (dashboard, ownerList, agentList) = await scenario.StepAsync(
            "three screens are open and live: the owner's dashboard and lead list, the agent's lead list", async () =>
            {
                var board = await Screens.SignInAsync(ownerBrowser, owner.Email, owner.Password);
                await Screens.LiveAsync(board);
                await Assertions.Expect(board.GetByTestId("kpi-today")).ToHaveTextAsync("0", new() { Timeout = 10_000 });
                var list = await ownerBrowser.NewPageAsync();
                await list.GotoAsync("/leads");
                await Screens.LiveAsync(list);
                var theirs = await Screens.SignInAsync(agentBrowser, agentEmail, ApiClient.Password);
                await theirs.GotoAsync("/leads");
                await Screens.LiveAsync(theirs);
                return (board, list, theirs);
            });

        try
        {
            var lead = await scenario.StepAsync("with the property provider down, a lead captured for the agent appears on every screen", async () =>
            {
                (await sandbox.PostAsJsonAsync("/_sandbox/knobs/property", new { outage = "Unavailable", retryAfterSeconds = 0 })).EnsureSuccessStatusCode();
                var captured = Stopwatch.StartNew();
                var id = (await owner.Client.CaptureAssignedAsync(agentId, new
                {
                    firstName = "Lena",
                    lastName = "Live",
                    email = $"lena.{Guid.NewGuid():N}@example.com",
                    type = "seller",
                    propertyAddress = new { street = "2805 Janette Way", city = "Sacramento", state = "CA", zip = "95815" },
                })).GetProperty("id").GetGuid();
                foreach (var list in new[] { ownerList, agentList })
                {
                    await Assertions.Expect(Row(list, "Lena Live")).ToHaveCountAsync(1, new() { Timeout = 10_000 });
                }

                scenario.Record("captured → on both lead lists", captured);
                await Assertions.Expect(dashboard.GetByTestId("kpi-today")).ToHaveTextAsync("1", new() { Timeout = 10_000 });
                return id;
            });

            var page = await scenario.StepAsync("the agent opens the lead; when the provider is back, the real sale appears on it", async () =>
            {
                var open = await agentBrowser.NewPageAsync();
                await open.GotoAsync($"/leads/{lead}");
                await Assertions.Expect(open.GetByRole(AriaRole.Heading, new() { Name = "Enrichment (still looking)" })).ToBeVisibleAsync(new() { Timeout = 10_000 });
                (await sandbox.PostAsJsonAsync("/_sandbox/knobs/property", new { outage = "None" })).EnsureSuccessStatusCode();
                await Assertions.Expect(open.Locator("dd", new() { HasText = "69307 · property" })).ToBeVisibleAsync(new() { Timeout = 60_000 });
                return open;
            });

            await scenario.StepAsync("the owner learns she is pre-approved and selling now; the agent's open page shows the new score", async () =>
            {
                var before = (await owner.Client.ReadAsync($"/api/v1/leads/{lead}/score")).GetProperty("probability").GetDouble();
                await (await owner.Client.PatchAsJsonAsync($"/api/v1/leads/{lead}", new { timeline = "asap", financing = "pre_approved" }))
                    .EnsureSuccessAsync();
                var after = await Poller.UntilAsync(() => owner.Client.ReadAsync($"/api/v1/leads/{lead}/score"),
                    s => s.GetProperty("probability").GetDouble() > before, TimeSpan.FromSeconds(30), "the lead is rescored higher");
                var shown = $"{Math.Round(after.GetProperty("probability").GetDouble() * 100, MidpointRounding.AwayFromZero):0}%";
                await Assertions.Expect(page.Locator(".score-figure strong")).ToHaveTextAsync(shown, new() { Timeout = 10_000 });
                await Assertions.Expect(page.Locator(".score-figure .grade")).ToHaveTextAsync(after.GetProperty("grade").GetString()!);
            });

            await scenario.StepAsync("the owner books an appointment; the agent's page and list follow", async () =>
            {
                await (await owner.Client.PatchAsJsonAsync($"/api/v1/leads/{lead}", new { stage = "appointment" })).EnsureSuccessAsync();
                await Assertions.Expect(page.Locator(".stage-badge")).ToHaveTextAsync("Appointment", new() { Timeout = 10_000 });
                await Assertions.Expect(Row(agentList, "Lena Live")).ToContainTextAsync("Appointment", new() { Timeout = 10_000 });
            });
        }
        finally
        {
            await sandbox.PostAsJsonAsync("/_sandbox/knobs/property", new { outage = "None" });
        }

        scenario.Done();
    }

    private static ILocator Row(IPage page, string text) =>
        page.GetByTestId("lead-list").Locator("li[data-lead-id]", new() { HasText = text });
}
