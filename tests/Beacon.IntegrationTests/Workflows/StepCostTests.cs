using System.Net.Http.Json;
using System.Text.Json;
using Beacon.TestKit;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Workflows;

/// <summary>What the engine's cheaper step (version cache, folded reads, one write batch) must keep doing as before.</summary>
public sealed class StepCostTests(BeaconApp app)
{
    private static readonly object LeadCreated = new { type = "lead_created" };
    private static readonly object WaitADay = new { type = "wait", delayMinutes = 1440 };

    [Fact]
    public async Task A_workflow_renamed_while_a_lead_waits_acts_under_its_new_name_with_the_version_the_lead_started_on()
    {
        var owner = await app.SignupAsync();
        var workflow = await EngineApi.WorkflowAsync(owner.Client, LeadCreated, WaitADay, new { type = "add_tag", tag = "nurtured" });
        var lead = await WorkflowsApi.LeadAsync(owner.Client);
        // The wait step has run, so this process has read (and kept) version 1 under its first name.
        var waiting = await EngineApi.EnrollmentAsync(owner.Client, workflow, e => e.GetProperty("currentStep").GetInt32() == 1, "waiting");
        var renamed = await owner.Client.PutAsJsonAsync($"/api/v1/workflows/{workflow}", new
        {
            name = "Spring buyers",
            trigger = LeadCreated,
            steps = new[] { WaitADay, new { type = "add_tag", tag = "changed-later" } },
        });
        await renamed.EnsureSuccessAsync();

        await EngineApi.RunStepAsync(app, owner.TenantId, waiting.GetProperty("id").GetGuid(), 1);

        var done = await EngineApi.EnrollmentAsync(owner.Client, workflow, e => e.GetProperty("status").GetString() == "completed", "completed");
        done.Reasons().TakeLast(2).ShouldBe(["step 2: tag “nurtured” added", "every step done"], "the step's line, then the end's");
        (await StepsApi.TimelineAsync(owner.Client, lead)).ShouldContain(a => a.GetProperty("body").GetString() ==
            "Tag “nurtured” added by workflow “Spring buyers”.", "the step of version 1 ran, under the workflow's name now");
    }

    [Fact]
    public async Task A_paused_workflow_parks_a_due_step_read_with_the_enrollments_lock_and_resuming_runs_it()
    {
        var owner = await app.SignupAsync();
        var workflow = await EngineApi.WorkflowAsync(owner.Client, LeadCreated, WaitADay, new { type = "add_tag", tag = "resumed" });
        var lead = await WorkflowsApi.LeadAsync(owner.Client);
        var waiting = await EngineApi.EnrollmentAsync(owner.Client, workflow, e => e.GetProperty("currentStep").GetInt32() == 1, "waiting");
        (await owner.Client.PostAsync($"/api/v1/workflows/{workflow}/pause", null)).EnsureSuccessStatusCode();

        await EngineApi.RunStepAsync(app, owner.TenantId, waiting.GetProperty("id").GetGuid(), 1);

        var parked = await EngineApi.EnrollmentAsync(owner.Client, workflow, e => e.Reasons().Last().Contains("paused", StringComparison.Ordinal),
            "parked");
        parked.GetProperty("status").GetString().ShouldBe("active");
        (await owner.Client.GetFromJsonAsync<JsonElement>($"/api/v1/leads/{lead}", ApiClient.Json)).GetProperty("tags").EnumerateArray()
            .ShouldNotContain(t => t.GetString() == "resumed");
        (await owner.Client.PostAsync($"/api/v1/workflows/{workflow}/resume", null)).EnsureSuccessStatusCode();
        var done = await EngineApi.EnrollmentAsync(owner.Client, workflow, e => e.GetProperty("status").GetString() == "completed", "completed");
        done.Reasons().ShouldContain("step 2: tag “resumed” added");
    }
}
