using System.Diagnostics;
using System.Net.Http.Json;
using Beacon.Acceptance.Stack;
using Beacon.TestKit;
using Shouldly;
using Xunit;

namespace Beacon.Acceptance.FirstPlan;

/// <summary>
/// The first plan's scenario 5: an external provider fails, the lead is scored anyway (enrichment never blocks scoring),
/// the failing lookup is shown and retried with backoff, and when the provider is back the lead's data completes.
/// </summary>
[Collection(AcceptanceCollection.Name)]
public sealed class ErrorRecoveryTests(AcceptanceStack stack)
{
    [Fact]
    public async Task Scenario_5_error_handling_and_recovery()
    {
        var scenario = new Scenario("Scenario 5 (error handling and recovery)", steps: 5);
        using var sandbox = new HttpClient { BaseAddress = stack.Sandbox.BaseAddress };
        var owner = await scenario.StepAsync("the owner signs up", () => stack.SignupAsync("Outage Realty"));
        try
        {
            await scenario.StepAsync("the property provider goes down (503 to every call)", async () =>
                (await sandbox.PostAsJsonAsync("/_sandbox/knobs/property", new { outage = "Unavailable", retryAfterSeconds = 0 }))
                .EnsureSuccessStatusCode());

            var lead = Guid.Empty;
            var created = Stopwatch.StartNew();
            await scenario.StepAsync("a lead captured during the outage is scored at once, by the rules", async () =>
            {
                lead = (await owner.Client.CaptureAssignedAsync(owner.UserId, new
                {
                    firstName = "Omar",
                    lastName = "Outage",
                    email = $"omar.{Guid.NewGuid():N}@example.com",
                    type = "seller",
                    propertyAddress = new { street = "51 Omaha Ct", city = "Sacramento", state = "CA", zip = "95823" },
                })).GetProperty("id").GetGuid();
                var score = await Poller.UntilAsync(() => owner.Client.ReadAsync($"/api/v1/leads/{lead}/score"),
                    s => s.GetProperty("status").GetString() != "pending", TimeSpan.FromSeconds(30), "the score is visible");
                scenario.Record("created during a provider outage → score visible", created);
                score.GetProperty("method").GetString().ShouldBe("rules");
            });

            await scenario.StepAsync("the lead's enrichment shows the property lookup failing and being retried", () =>
                Poller.UntilAsync(() => owner.Client.ReadAsync($"/api/v1/leads/{lead}/enrichment"),
                    v => v.EnrichmentStep("property") is { } p && p.GetProperty("state").GetString() == "pending" && p.GetProperty("attempts").GetInt32() >= 2,
                    TimeSpan.FromSeconds(30), "a second attempt at the property lookup"));

            await scenario.StepAsync("the provider comes back and a retry completes the property data", async () =>
            {
                (await sandbox.PostAsJsonAsync("/_sandbox/knobs/property", new { outage = "None" })).EnsureSuccessStatusCode();
                var back = Stopwatch.StartNew();
                var view = await Poller.UntilAsync(() => owner.Client.ReadAsync($"/api/v1/leads/{lead}/enrichment"),
                    v => v.EnrichmentStep("property")?.GetProperty("state").GetString() == "complete", TimeSpan.FromSeconds(90), "the property lookup completes");
                scenario.Record("provider back → property data on the lead", back);
                view.EnrichmentStep("property")!.Value.GetProperty("fields").GetProperty("matchedAddress").GetProperty("value").GetString()
                    .ShouldBe("51 OMAHA CT, SACRAMENTO, CA 95823", "the address of the real sale the sandbox serves");
            });
        }
        finally
        {
            await sandbox.PostAsJsonAsync("/_sandbox/knobs/property", new { outage = "None" });
        }

        scenario.Done();
    }
}
