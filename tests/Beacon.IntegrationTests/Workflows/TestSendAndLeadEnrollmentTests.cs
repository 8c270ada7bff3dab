using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Beacon.IntegrationTests.Leads;
using Beacon.TestKit;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Workflows;

public sealed class TestSendAndLeadEnrollmentTests(BeaconApp app)
{
    private static readonly object LeadCreated = new { type = "lead_created" };

    [Fact]
    public async Task Test_send_mails_the_rendered_email_steps_to_the_caller_marked_test_and_enrolls_no_one()
    {
        var owner = await app.SignupAsync();
        await EngineApi.SettingsAsync(owner.Client, EngineApi.DaytimeZone());
        await WorkflowsApi.WaitForMemberAsync(app, owner.TenantId, owner.UserId);
        var workflow = await EngineApi.WorkflowAsync(owner.Client, LeadCreated,
            new { type = "email", subject = "Hi {{lead.firstName|there}}", body = "Dear {{lead.lastName|friend}}, {{agent.email}} here." },
            new { type = "wait", delayMinutes = 60 },
            new { type = "email", subject = "Second", body = "Again." });

        var response = await owner.Client.PostAsync($"/api/v1/workflows/{workflow}/test-send", null);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadFromJsonAsync<JsonElement>(ApiClient.Json)).GetProperty("emails").GetInt32().ShouldBe(2);
        var messages = await Poller.UntilAsync(() => Task.FromResult(SmtpSink.Shared.MessagesTo(owner.Email)),
            m => m.Count(x => x.Subject?.StartsWith("[TEST]", StringComparison.Ordinal) == true) == 2, because: "both e-mail steps arrive");
        var first = messages.Single(m => m.Subject == "[TEST] Hi Jordan");
        first.TextBody!.ShouldContain($"Dear friend, {owner.Email} here.");
        first.TextBody!.ShouldContain("Acme Realty, 1 Main St, Springfield, IL 62701");
        (await EngineApi.EnrollmentsAsync(owner.Client, workflow)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Test_send_of_a_workflow_without_email_steps_is_refused_naming_steps()
    {
        var owner = await app.SignupAsync();
        var workflow = await EngineApi.WorkflowAsync(owner.Client, LeadCreated, new { type = "wait", delayMinutes = 60 });

        var response = await owner.Client.PostAsync($"/api/v1/workflows/{workflow}/test-send", null);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>(ApiClient.Json)).GetProperty("errors").TryGetProperty("steps", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task A_leads_enrollments_show_the_next_step_to_whoever_may_view_the_lead_and_404_to_another_agent()
    {
        var (owner, _, agent) = await WorkflowsApi.BrokerageWithAgentAsync(app);
        var (_, otherAgent) = await LeadsApi.AddMemberAsync(app, owner, "agent");
        var workflow = await EngineApi.WorkflowAsync(owner.Client, LeadCreated,
            new { type = "wait", delayMinutes = 1440 }, new { type = "email", subject = "Hi", body = "Hi." });
        var lead = await WorkflowsApi.LeadAsync(agent);
        await EngineApi.EnrollmentAsync(owner.Client, workflow, e => e.GetProperty("currentStep").GetInt32() == 1, "waiting");

        var seen = (await agent.GetFromJsonAsync<List<JsonElement>>($"/api/v1/leads/{lead}/enrollments", ApiClient.Json))!;

        var enrollment = seen.ShouldHaveSingleItem();
        enrollment.GetProperty("workflowId").GetGuid().ShouldBe(workflow);
        enrollment.GetProperty("status").GetString().ShouldBe("active");
        enrollment.GetProperty("nextStepType").GetString().ShouldBe("email");
        enrollment.GetProperty("stepCount").GetInt32().ShouldBe(2);
        enrollment.GetProperty("nextFireAt").GetDateTimeOffset().ShouldBeGreaterThan(TimeProvider.System.GetUtcNow().AddHours(23));
        (await otherAgent.GetAsync($"/api/v1/leads/{lead}/enrollments")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await EngineApi.EnrollmentsAsync(owner.Client, workflow))[0].GetProperty("leadName").GetString().ShouldBe("Ann Lee");
    }
}
