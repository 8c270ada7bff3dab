using System.Diagnostics;
using Beacon.Acceptance.Stack;
using Beacon.TestKit;
using Microsoft.Playwright;
using Shouldly;
using Xunit;

namespace Beacon.Acceptance.FirstPlan;

/// <summary>
/// The first plan's scenario 1: a lead created through the API is scored on its own and says why, is enriched from the
/// providers, starts the workflow its grade triggers, converts, and the open dashboard follows without a reload.
/// </summary>
[Collection(AcceptanceCollection.Name)]
public sealed class LeadLifecycleTests(AcceptanceStack stack)
{
    [Fact]
    public async Task Scenario_1_complete_lead_lifecycle()
    {
        var scenario = new Scenario("Scenario 1 (complete lead lifecycle)", steps: 9);
        var owner = await scenario.StepAsync("the owner signs up and confirms by e-mail", () => stack.SignupAsync("Lifecycle Realty"));
        await using var browser = await stack.NewContextAsync();
        var dashboard = await scenario.StepAsync("the owner opens the dashboard, live", async () =>
        {
            var page = await Screens.SignInAsync(browser, owner.Email, owner.Password);
            await Screens.LiveAsync(page);
            await Assertions.Expect(page.GetByTestId("kpi-today")).ToHaveTextAsync("0", new() { Timeout = 10_000 });
            return page;
        });
        var workflow = await scenario.StepAsync("a workflow is set to give the agent a call task when a lead is first graded", async () =>
            (await owner.Client.PostForJsonAsync("/api/v1/workflows", new
            {
                name = "Call graded leads",
                trigger = new { type = "grade_changed" },
                steps = new object[] { new { type = "task", title = "Call {{lead.firstName}}", dueInMinutes = 0 } },
            })).GetProperty("id").GetGuid());

        var lead = await scenario.StepAsync("a seller lead with a Sacramento address is created through the API", async () =>
            (await owner.Client.CaptureAssignedAsync(owner.UserId, new
            {
                firstName = "Priya",
                lastName = "Okafor",
                email = $"priya.okafor.{Guid.NewGuid():N}@example.com",
                phone = "+19165550142",
                source = "website",
                type = "seller",
                timeline = "asap",
                propertyAddress = new { street = "3526 High Street", city = "Sacramento", state = "CA", zip = "95838" },
            })).GetProperty("id").GetGuid());

        var created = Stopwatch.StartNew();
        await scenario.StepAsync("the lead is scored on its own and the score says why", async () =>
        {
            var score = await Poller.UntilAsync(() => owner.Client.ReadAsync($"/api/v1/leads/{lead}/score"),
                s => s.GetProperty("status").GetString() != "pending", TimeSpan.FromSeconds(30), "the score is visible");
            scenario.Record("created → score visible", created);
            score.GetProperty("grade").GetString().ShouldBeOneOf("A", "B", "C", "D");
            score.GetProperty("method").GetString().ShouldBe("rules", "a new brokerage has no model it can trust yet");
            score.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("text").GetString()).ShouldNotBeEmpty();
        });
        await scenario.StepAsync("the open dashboard counts the lead without a reload", () =>
            Assertions.Expect(dashboard.GetByTestId("kpi-today")).ToHaveTextAsync("1", new() { Timeout = 10_000 }));

        await scenario.StepAsync("the providers' property and person data reach the lead", async () =>
        {
            var view = await Poller.UntilAsync(() => owner.Client.ReadAsync($"/api/v1/leads/{lead}/enrichment"),
                v => !v.GetProperty("pending").GetBoolean() && v.EnrichmentStep("property") is { } p
                     && p.GetProperty("state").GetString() == "complete",
                TimeSpan.FromSeconds(60), "enrichment is final with the property");
            scenario.Record("created → enrichment final", created);
            var property = view.EnrichmentStep("property")!.Value.GetProperty("fields");
            property.GetProperty("lastSalePrice").GetProperty("value").GetString().ShouldBe("59222", "the sandbox's real 2008 sale of the house");
            view.EnrichmentStep("person")!.Value.GetProperty("state").GetString().ShouldBeOneOf("complete", "no_match");
        });

        await scenario.StepAsync("the lead's grade started the workflow, which gave the agent a task", async () =>
        {
            var tasks = await Poller.UntilAsync(() => owner.Client.ReadAsync("/api/v1/tasks?view=all"),
                t => t.EnumerateArray().Any(x => x.GetProperty("leadId").GetGuid() == lead), TimeSpan.FromSeconds(30), "the task is there");
            var task = tasks.EnumerateArray().Single(x => x.GetProperty("leadId").GetGuid() == lead);
            task.GetProperty("title").GetString().ShouldBe("Call Priya");
            task.GetProperty("assigneeId").GetGuid().ShouldBe(owner.UserId);
            var enrollments = await owner.Client.ReadAsync($"/api/v1/leads/{lead}/enrollments");
            enrollments.EnumerateArray().Single().GetProperty("workflowId").GetGuid().ShouldBe(workflow);
        });

        await scenario.StepAsync("a closed deal converts the lead, and the conversion report counts it", async () =>
        {
            await owner.Client.PostForJsonAsync("/api/v1/conversions",
                new { leadId = lead, stage = "closed", priceCents = 452_000_00L, commissionCents = 13_560_00L });
            var report = await Poller.UntilAsync(() => owner.Client.ReadAsync("/api/v1/reports/conversions?source=website"),
                r => r.FunnelStage("closed") == 1, TimeSpan.FromSeconds(30), "the funnel counts the closed lead");
            report.FunnelStage("new").ShouldBe(1);
        });
        scenario.Done();
    }
}
