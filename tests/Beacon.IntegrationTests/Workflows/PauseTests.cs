using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Beacon.IntegrationTests.Leads;
using Beacon.TestKit;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Workflows;

public sealed class PauseTests(BeaconApp app)
{
    private static readonly object LeadCreated = new { type = "lead_created" };
    private static readonly object WaitADay = new { type = "wait", delayMinutes = 1440 };

    [Fact]
    public async Task A_paused_workflow_holds_a_due_step_and_sends_it_once_resumed()
    {
        var owner = await app.SignupAsync();
        await EngineApi.SettingsAsync(owner.Client, EngineApi.DaytimeZone());
        var workflow = await EngineApi.WorkflowAsync(owner.Client, LeadCreated, WaitADay, new { type = "email", subject = "Later", body = "Hi." });
        var email = $"{Guid.NewGuid():N}@example.test";
        await LeadsApi.CreatedAsync(owner.Client, new { email });
        var waiting = await EngineApi.EnrollmentAsync(owner.Client, workflow, e => e.GetProperty("currentStep").GetInt32() == 1, "waiting a day");
        var id = waiting.GetProperty("id").GetGuid();

        (await owner.Client.PostAsync($"/api/v1/workflows/{workflow}/pause", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await EngineApi.RunStepAsync(app, owner.TenantId, id, 1); // the e-mail's time comes while paused

        var held = (await EngineApi.EnrollmentsAsync(owner.Client, workflow))[0];
        held.GetProperty("status").GetString().ShouldBe("active");
        held.Reasons().Last().ShouldBe("step 2 waiting: the workflow is paused; it runs when the workflow is resumed");
        (await SendJobsAsync(owner.TenantId)).ShouldBe(0, "nothing is sent while paused");

        var resumed = await owner.Client.PostAsync($"/api/v1/workflows/{workflow}/resume", null);
        resumed.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await resumed.Content.ReadFromJsonAsync<JsonElement>(ApiClient.Json)).GetProperty("active").GetBoolean().ShouldBeTrue();

        (await SmtpSink.Shared.WaitForAsync(email))[0].Subject.ShouldBe("Later");
        var done = await EngineApi.EnrollmentAsync(owner.Client, workflow, e => e.GetProperty("status").GetString() == "completed", "completed");
        done.Reasons().ShouldContain("step 2 due again: the workflow was resumed");
        SmtpSink.Shared.MessagesTo(email).Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_paused_workflow_enrolls_no_new_lead()
    {
        var owner = await app.SignupAsync();
        var paused = await EngineApi.WorkflowAsync(owner.Client, LeadCreated, WaitADay);
        var control = await EngineApi.WorkflowAsync(owner.Client, LeadCreated, WaitADay);
        (await owner.Client.PostAsync($"/api/v1/workflows/{paused}/pause", null)).EnsureSuccessStatusCode();

        await LeadsApi.CreatedAsync(owner.Client, new { email = $"{Guid.NewGuid():N}@example.test" });

        // The same lead-created event enrolls into every active workflow at once, so once the control has it, the paused one decided too.
        await EngineApi.EnrollmentAsync(owner.Client, control, _ => true, "the active workflow enrolls the lead");
        (await EngineApi.EnrollmentsAsync(owner.Client, paused)).ShouldBeEmpty();
        var list = await owner.Client.GetFromJsonAsync<List<JsonElement>>("/api/v1/workflows", ApiClient.Json);
        list!.Single(w => w.GetProperty("id").GetGuid() == paused).GetProperty("active").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task Pausing_an_unknown_workflow_answers_404()
    {
        var owner = await app.SignupAsync();

        (await owner.Client.PostAsync($"/api/v1/workflows/{Guid.NewGuid()}/pause", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await owner.Client.PostAsync($"/api/v1/workflows/{Guid.NewGuid()}/resume", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private Task<long> SendJobsAsync(Guid tenant) => app.Database.ScalarAsync<long>(
        "SELECT count(*) FROM platform.jobs WHERE tenant_id = $1 AND handler = 'platform.send-email'", tenant);
}
