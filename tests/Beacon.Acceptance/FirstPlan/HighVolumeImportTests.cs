using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Beacon.Acceptance.Stack;
using Beacon.TestKit;
using Microsoft.Playwright;
using Shouldly;
using Xunit;

namespace Beacon.Acceptance.FirstPlan;

/// <summary>
/// The first plan's scenario 2: 1,000 leads imported at once are all scored and each starts the brokerage's workflow,
/// a lead captured meanwhile is scored at once (the import's bulk work and its enrichment never hold it up), and the
/// dashboard counts them all.
/// </summary>
[Collection(AcceptanceCollection.Name)]
public sealed class HighVolumeImportTests(AcceptanceStack stack)
{
    private const int Rows = 1_000;

    [Fact]
    public async Task Scenario_2_high_volume_lead_processing()
    {
        var scenario = new Scenario("Scenario 2 (high-volume lead processing)", steps: 7);
        var owner = await scenario.StepAsync("the owner signs up", () => stack.SignupAsync("Volume Realty"));
        var workflow = await scenario.StepAsync("a workflow follows up each new lead after a day", async () =>
            (await owner.Client.PostForJsonAsync("/api/v1/workflows", new
            {
                name = "Nurture new leads",
                trigger = new { type = "lead_created" },
                steps = new object[] { new { type = "wait", delayMinutes = 1440 }, new { type = "task", title = "Follow up {{lead.firstName}}" } },
            })).GetProperty("id").GetGuid());

        var imported = Stopwatch.StartNew();
        await scenario.StepAsync($"a CSV of {Rows:N0} leads is imported at once", async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/leads/imports")
            {
                Content = new ByteArrayContent(Encoding.UTF8.GetBytes(Csv())) { Headers = { ContentType = new("text/csv") } },
            };
            request.Headers.Add("Idempotency-Key", $"volume-{Guid.NewGuid():N}");
            var response = await owner.Client.SendAsync(request);
            await response.EnsureSuccessAsync();
            response.StatusCode.ShouldBe(HttpStatusCode.Created);
            var summary = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            (summary.GetProperty("created").GetInt64(), summary.GetProperty("rejected").GetInt64()).ShouldBe((Rows, 0L));
            scenario.Record($"{Rows:N0}-row import acknowledged", imported);
        });

        await scenario.StepAsync("a lead captured while the import's work runs is scored at once", async () =>
        {
            var lead = (await owner.Client.CaptureAssignedAsync(owner.UserId, new
            {
                firstName = "Quick",
                lastName = "Capture",
                email = $"{Guid.NewGuid():N}@example.test",
                source = "referral",
            })).GetProperty("id").GetGuid();
            var created = Stopwatch.StartNew();
            await Poller.UntilAsync(() => owner.Client.ReadAsync($"/api/v1/leads/{lead}/score"),
                s => s.GetProperty("status").GetString() != "pending", TimeSpan.FromSeconds(30), "the capture is scored");
            scenario.Record("capture during the import → score visible", created);
        });

        await scenario.StepAsync($"every one of the {Rows + 1:N0} leads is scored", async () =>
        {
            var distribution = await Poller.UntilAsync(() => owner.Client.ReadAsync("/api/v1/insights/score-distribution"),
                d => d.GetProperty("leads").GetInt32() == Rows + 1, TimeSpan.FromSeconds(180), "the distribution counts every lead scored");
            (distribution.GetProperty("byModel").GetInt32() + distribution.GetProperty("byRules").GetInt32()).ShouldBe(Rows + 1);
            scenario.Record($"{Rows:N0}-row import → all scored", imported);
        });

        await scenario.StepAsync("every lead started the workflow", async () =>
        {
            await Poller.UntilAsync(async () => (await owner.Client.ReadAsync($"/api/v1/workflows/{workflow}")).GetProperty("enrollments"),
                e => e.GetProperty("active").GetInt32() == Rows + 1, TimeSpan.FromSeconds(180), "one enrollment per lead, waiting");
            scenario.Record($"{Rows:N0}-row import → all enrolled", imported);
        });

        await scenario.StepAsync("the owner's dashboard counts every new lead", async () =>
        {
            await using var browser = await stack.NewContextAsync();
            var page = await Screens.SignInAsync(browser, owner.Email, owner.Password);
            await Assertions.Expect(page.GetByTestId("kpi-today")).ToHaveTextAsync($"{Rows + 1:N0}", new() { Timeout = 15_000 });
        });
        scenario.Done();
    }

    private static string Csv()
    {
        var csv = new StringBuilder("First Name,Last Name,Email,Phone,Lead Source,Timeline\r\n");
        var sources = new[] { "zillow", "website", "referral", "open_house" };
        var timelines = new[] { "asap", "0_3_months", "3_6_months", "12_plus_months" };
        for (var i = 0; i < Rows; i++)
        {
            csv.Append($"Vol{i},Importer,vol{i}.{Guid.NewGuid():N}@example.test,,{sources[i % 4]},{timelines[i % 4]}\r\n");
        }

        return csv.ToString();
    }
}
