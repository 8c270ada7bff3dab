using System.Net.Http.Json;
using Beacon.TestKit;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Workflows;

/// <summary>The per-workflow re-enrollment rule: <c>never</c> (once per lead, the default) or <c>after_exit</c>.</summary>
public sealed class ReenrollmentTests(BeaconApp app)
{
    private static readonly object AnyStage = new { type = "stage_changed" };

    [Fact]
    public async Task By_default_a_lead_goes_through_a_workflow_once_even_after_its_enrollment_ended()
    {
        var owner = await app.SignupAsync();
        var lead = await WorkflowsApi.LeadAsync(owner.Client);
        await TriggerApi.QueueIdleAsync(app, owner.TenantId);
        var workflow = await TriggerApi.WorkflowAsync(owner.Client, AnyStage, null, TriggerApi.EndsAtOnce);
        (await owner.Client.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/workflows/{workflow}"))
            .GetProperty("reenrollment").GetString().ShouldBe("never");

        await TriggerApi.PatchLeadAsync(owner.Client, lead, new { stage = "contacted" });
        await EngineApi.EnrollmentAsync(owner.Client, workflow, e => e.GetProperty("status").GetString() == "completed", "the first one ends");
        await TriggerApi.PatchLeadAsync(owner.Client, lead, new { stage = "qualified" });

        await TriggerApi.QueueIdleAsync(app, owner.TenantId);
        (await EngineApi.EnrollmentsAsync(owner.Client, workflow)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task After_exit_enrolls_again_once_the_previous_enrollment_ended_and_never_twice_at_once()
    {
        var owner = await app.SignupAsync();
        var lead = await WorkflowsApi.LeadAsync(owner.Client);
        await TriggerApi.QueueIdleAsync(app, owner.TenantId);
        var workflow = await TriggerApi.WorkflowAsync(owner.Client, AnyStage, "after_exit", TriggerApi.WaitADay, TriggerApi.EndsAtOnce);

        await TriggerApi.PatchLeadAsync(owner.Client, lead, new { stage = "contacted" });
        await EngineApi.EnrollmentAsync(owner.Client, workflow, e => e.GetProperty("currentStep").GetInt32() == 1,
            "the first enrollment waits a day");
        await TriggerApi.PatchLeadAsync(owner.Client, lead, new { stage = "qualified" });
        await TriggerApi.QueueIdleAsync(app, owner.TenantId);
        (await EngineApi.EnrollmentsAsync(owner.Client, workflow)).Count.ShouldBe(1, "a lead in the workflow is not enrolled a second time");

        (await owner.Client.PostAsJsonAsync($"/api/v1/leads/{lead}/activities", new { type = "call", body = "Spoke about the showing." }))
            .EnsureSuccessStatusCode();
        await EngineApi.EnrollmentAsync(owner.Client, workflow, e => e.GetProperty("status").GetString() == "stopped", "the call stops it");
        await TriggerApi.PatchLeadAsync(owner.Client, lead, new { stage = "showing" });

        var both = await Poller.UntilAsync(() => EngineApi.EnrollmentsAsync(owner.Client, workflow), e => e.Count == 2,
            because: "the lead re-enters once the first enrollment ended");
        both.Select(e => e.GetProperty("status").GetString()).ShouldBe(["active", "stopped"]);
        both[0].Reasons().First().ShouldBe("enrolled: stage changed from qualified to showing");
    }

    [Fact]
    public async Task An_after_exit_workflow_never_enrolls_again_a_lead_who_unsubscribed()
    {
        var owner = await app.SignupAsync();
        var lead = await WorkflowsApi.LeadAsync(owner.Client);
        await TriggerApi.QueueIdleAsync(app, owner.TenantId);
        var workflow = await TriggerApi.WorkflowAsync(owner.Client, AnyStage, "after_exit", TriggerApi.WaitADay, TriggerApi.EndsAtOnce);
        await TriggerApi.PatchLeadAsync(owner.Client, lead, new { stage = "contacted" });
        var first = await EngineApi.EnrollmentAsync(owner.Client, workflow, e => e.GetProperty("currentStep").GetInt32() == 1, "waiting");

        (await app.Anonymous().PostAsJsonAsync("/api/v1/auth/unsubscribe",
            new { tenant = owner.TenantId, enrollment = first.GetProperty("id").GetGuid() })).EnsureSuccessStatusCode();
        await EngineApi.EnrollmentAsync(owner.Client, workflow, e => e.GetProperty("status").GetString() == "stopped", "unsubscribed");
        await TriggerApi.PatchLeadAsync(owner.Client, lead, new { stage = "qualified" });

        await TriggerApi.QueueIdleAsync(app, owner.TenantId);
        (await EngineApi.EnrollmentsAsync(owner.Client, workflow)).Count.ShouldBe(1);
    }
}
