using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Beacon.Acceptance.Stack;
using Beacon.TestKit;
using Microsoft.Playwright;
using Shouldly;
using Xunit;

namespace Beacon.Acceptance.SecondPlan;

/// <summary>
/// The second plan's journey 3: one lead as every module holds it (leads, scoring, enrichment, workflows, conversions,
/// billing, the GDPR export and the screen) tells one story, and erasing the person removes them from all of them.
/// </summary>
[Collection(AcceptanceCollection.Name)]
public sealed class CrossModuleConsistencyTests(AcceptanceStack stack)
{
    [Fact]
    public async Task Journey_3_cross_module_data_consistency()
    {
        var journey = new Scenario("Journey 3 (cross-module data consistency)", steps: 6);
        var email = $"carmen.{Guid.NewGuid():N}@example.com";
        var owner = await journey.StepAsync("the owner signs up and sets a follow-up workflow", async () =>
        {
            var session = await stack.SignupAsync("Consistent Realty");
            await session.Client.PostForJsonAsync("/api/v1/workflows", new
            {
                name = "Follow up",
                trigger = new { type = "lead_created" },
                steps = new object[] { new { type = "wait", delayMinutes = 1440 }, new { type = "task", title = "Call {{lead.firstName}}" } },
            });
            return session;
        });

        var lead = await journey.StepAsync("a lead is captured, scored, enriched, and closed by a deal", async () =>
        {
            var id = (await owner.Client.CaptureAssignedAsync(owner.UserId, new
            {
                firstName = "Carmen",
                lastName = "Consistent",
                email,
                source = "open_house",
                type = "seller",
                propertyAddress = new { street = "2796 Branch St", city = "Sacramento", state = "CA", zip = "95815" },
            })).GetProperty("id").GetGuid();
            await Poller.UntilAsync(() => owner.Client.ReadAsync($"/api/v1/leads/{id}/enrichment"), v => !v.GetProperty("pending").GetBoolean(),
                TimeSpan.FromSeconds(60), "enrichment is final");
            await owner.Client.PostForJsonAsync("/api/v1/conversions",
                new { leadId = id, stage = "closed", priceCents = 318_000_00L, commissionCents = 9_540_00L });
            return id;
        });

        await journey.StepAsync("every module holds the same lead", async () =>
        {
            var held = await Poller.UntilAsync(() => owner.Client.ReadAsync($"/api/v1/leads/{lead}"),
                l => l.GetProperty("stage").GetString() == "closed", TimeSpan.FromSeconds(30), "the deal closed the lead");
            held.GetProperty("emails")[0].GetString().ShouldBe(email);
            (await Poller.UntilAsync(() => owner.Client.ReadAsync($"/api/v1/leads/{lead}/score"),
                s => s.GetProperty("status").GetString() != "pending", TimeSpan.FromSeconds(30), "the lead is scored"))
                .GetProperty("leadId").GetGuid().ShouldBe(lead);
            // Workflows enroll from the lead's event, in their own job: eventually, as every projection.
            await Poller.UntilAsync(() => owner.Client.ReadAsync($"/api/v1/leads/{lead}/enrollments"), e => e.GetArrayLength() == 1,
                TimeSpan.FromSeconds(60), "the workflow enrolled the lead");
            (await owner.Client.ReadAsync($"/api/v1/conversions?leadId={lead}")).GetProperty("items")[0]
                .GetProperty("commissionCents").GetInt64().ShouldBe(9_540_00L);
            await Poller.UntilAsync(() => owner.Client.ReadAsync("/api/v1/reports/conversions?source=open_house"),
                r => r.FunnelStage("closed") == 1, TimeSpan.FromSeconds(30), "the funnel counts the closed lead");
            await Poller.UntilAsync(() => owner.Client.ReadAsync("/api/v1/billing/usage"),
                u => Meter(u, "leads_captured") == 1, TimeSpan.FromSeconds(60), "the capture is metered once");
        });

        await journey.StepAsync("the GDPR export and the lead's page show the same person", async () =>
        {
            var export = await owner.Client.ReadAsync($"/api/v1/leads/{lead}/export");
            var sections = export.GetProperty("sections");
            sections.GetProperty("lead").GetProperty("lead").GetProperty("emails")[0].GetString().ShouldBe(email);
            sections.GetProperty("score").GetProperty("reasons").GetArrayLength().ShouldBeGreaterThan(0);
            await using var browser = await stack.NewContextAsync();
            var page = await Screens.SignInAsync(browser, owner.Email, owner.Password);
            await page.GotoAsync($"/leads/{lead}");
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Carmen Consistent");
            await Assertions.Expect(page.Locator(".stage-badge")).ToHaveTextAsync("Closed");
        });

        await journey.StepAsync("the owner erases the person (GDPR Art. 17)", async () =>
            await (await owner.Client.PostAsJsonAsync($"/api/v1/leads/{lead}/erase", new { reason = "data subject request" })).EnsureSuccessAsync());

        await journey.StepAsync("no module answers for the person any more", async () =>
        {
            foreach (var path in new[] { "", "/score", "/enrichment", "/export", "/enrollments" })
            {
                (await owner.Client.GetAsync($"/api/v1/leads/{lead}{path}")).StatusCode.ShouldBe(HttpStatusCode.NotFound, $"/api/v1/leads/{{id}}{path}");
            }

            (await owner.Client.ReadAsync("/api/v1/leads?limit=100")).GetProperty("items").GetArrayLength().ShouldBe(0);
        });
        journey.Done();
    }

    private static long Meter(JsonElement usage, string meter) =>
        usage.GetProperty("meters").EnumerateArray().Where(m => m.GetProperty("meter").GetString() == meter)
            .Select(m => m.GetProperty("quantity").GetInt64()).FirstOrDefault();
}
