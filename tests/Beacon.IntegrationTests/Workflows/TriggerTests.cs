using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Beacon.Contracts.Enrichment;
using Beacon.Contracts.Scoring;
using Beacon.IntegrationTests.Leads;
using Beacon.IntegrationTests.Realtime;
using Beacon.TestKit;
using Beacon.Workflows.Engine;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Workflows;

/// <summary>
/// The lead-change triggers: each enrolls on the change it watches, with a readable reason, and not on another. The
/// leads exist (and the queue is idle) before the workflows, so their own creation, scoring and assignment enroll nobody.
/// </summary>
public sealed class TriggerTests(BeaconApp app)
{
    [Fact]
    public async Task A_stage_change_enrolls_in_the_workflow_watching_that_stage_and_not_in_one_watching_another()
    {
        var owner = await app.SignupAsync();
        var lead = await WorkflowsApi.LeadAsync(owner.Client);
        await TriggerApi.QueueIdleAsync(app, owner.TenantId);
        var showing = await TriggerApi.WorkflowAsync(owner.Client, new { type = "stage_changed", stage = "showing" }, null, TriggerApi.WaitADay);
        var offer = await TriggerApi.WorkflowAsync(owner.Client, new { type = "stage_changed", stage = "offer" }, null, TriggerApi.WaitADay);

        await TriggerApi.PatchLeadAsync(owner.Client, lead, new { stage = "showing" });

        var enrolled = await EngineApi.EnrollmentAsync(owner.Client, showing, _ => true, "the showing workflow enrolls the lead");
        enrolled.Reasons().First().ShouldBe("enrolled: stage changed from new to showing");
        await TriggerApi.QueueIdleAsync(app, owner.TenantId);
        (await EngineApi.EnrollmentsAsync(owner.Client, offer)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Adding_the_watched_tag_enrolls_whatever_its_case_and_adding_another_tag_does_not()
    {
        var owner = await app.SignupAsync();
        var tagged = await WorkflowsApi.LeadAsync(owner.Client, "Ann");
        var other = await WorkflowsApi.LeadAsync(owner.Client, "Bob");
        await TriggerApi.QueueIdleAsync(app, owner.TenantId);
        var workflow = await TriggerApi.WorkflowAsync(owner.Client, new { type = "tag_added", tag = "Hot" }, null, TriggerApi.WaitADay);

        await TriggerApi.PatchLeadAsync(owner.Client, tagged, new { tags = new[] { "vip", "hot" } });
        await TriggerApi.PatchLeadAsync(owner.Client, other, new { tags = new[] { "warm" } });

        var enrolled = await EngineApi.EnrollmentAsync(owner.Client, workflow, _ => true, "the tagged lead is enrolled");
        enrolled.GetProperty("leadId").GetGuid().ShouldBe(tagged);
        enrolled.Reasons().First().ShouldBe("enrolled: tag \"hot\" added by an edit");
        await TriggerApi.QueueIdleAsync(app, owner.TenantId);
        (await EngineApi.EnrollmentsAsync(owner.Client, workflow)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Assignment_to_the_watched_agent_enrolls_and_assignment_to_another_agent_does_not()
    {
        var owner = await app.SignupAsync();
        var (watched, _) = await LeadsApi.AddMemberAsync(app, owner, "agent");
        var (otherAgent, _) = await LeadsApi.AddMemberAsync(app, owner, "agent");
        await WorkflowsApi.WaitForMemberAsync(app, owner.TenantId, watched);
        // Held by the owner first, so routing cannot have given either lead to the watched agent already.
        var first = await LiveSocketTests.CreateLeadAsync(owner.Client, "Ann", owner.UserId);
        var second = await LiveSocketTests.CreateLeadAsync(owner.Client, "Bob", owner.UserId);
        await TriggerApi.QueueIdleAsync(app, owner.TenantId);
        var workflow = await TriggerApi.WorkflowAsync(owner.Client, new { type = "lead_assigned", agentId = watched }, null, TriggerApi.WaitADay);

        await TriggerApi.PatchLeadAsync(owner.Client, first, new { assignedAgentId = watched });
        await TriggerApi.PatchLeadAsync(owner.Client, second, new { assignedAgentId = otherAgent });

        var enrolled = await EngineApi.EnrollmentAsync(owner.Client, workflow, _ => true, "the lead assigned to the watched agent");
        enrolled.GetProperty("leadId").GetGuid().ShouldBe(first);
        enrolled.Reasons().First().ShouldStartWith("enrolled: assigned to ");
        await TriggerApi.QueueIdleAsync(app, owner.TenantId);
        (await EngineApi.EnrollmentsAsync(owner.Client, workflow)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_grade_change_to_the_watched_grade_enrolls_and_a_same_grade_rescore_or_another_grade_does_not()
    {
        var owner = await app.SignupAsync();
        var upgraded = await WorkflowsApi.LeadAsync(owner.Client, "Ann");
        var steady = await WorkflowsApi.LeadAsync(owner.Client, "Bob");
        await TriggerApi.QueueIdleAsync(app, owner.TenantId);
        var workflow = await TriggerApi.WorkflowAsync(owner.Client, new { type = "grade_changed", grade = "A" }, null, TriggerApi.WaitADay);

        await TriggerApi.HandleAsync<LeadChangeTriggers, LeadScored>(app, Scored(owner.TenantId, upgraded, "C", "A"));
        await TriggerApi.HandleAsync<LeadChangeTriggers, LeadScored>(app, Scored(owner.TenantId, steady, "A", "A"));
        await TriggerApi.HandleAsync<LeadChangeTriggers, LeadScored>(app, Scored(owner.TenantId, steady, "C", "B"));

        var enrollments = await EngineApi.EnrollmentsAsync(owner.Client, workflow);
        enrollments.Select(e => e.GetProperty("leadId").GetGuid()).ShouldBe([upgraded]);
        enrollments[0].Reasons().First().ShouldBe("enrolled: grade changed from C to A");
    }

    [Fact]
    public async Task A_completed_enrichment_enrolls_and_one_that_found_nothing_does_not()
    {
        var owner = await app.SignupAsync();
        var enriched = await WorkflowsApi.LeadAsync(owner.Client, "Ann");
        var unmatched = await WorkflowsApi.LeadAsync(owner.Client, "Bob");
        await TriggerApi.QueueIdleAsync(app, owner.TenantId);
        var workflow = await TriggerApi.WorkflowAsync(owner.Client, new { type = "enrichment_completed" }, null, TriggerApi.WaitADay);

        await TriggerApi.HandleAsync<LeadChangeTriggers, LeadEnriched>(app, new LeadEnriched(Guid.CreateVersion7(), owner.TenantId,
            TimeProvider.System.GetUtcNow(), enriched, "property", "complete", ["property.estimatedValue", "property.bedrooms"]));
        await TriggerApi.HandleAsync<LeadChangeTriggers, LeadEnriched>(app, new LeadEnriched(Guid.CreateVersion7(), owner.TenantId,
            TimeProvider.System.GetUtcNow(), unmatched, "property", "no_match", []));

        var enrollments = await EngineApi.EnrollmentsAsync(owner.Client, workflow);
        enrollments.Select(e => e.GetProperty("leadId").GetGuid()).ShouldBe([enriched]);
        enrollments[0].Reasons().First().ShouldBe("enrolled: enrichment completed (property: 2 fields)");
    }

    [Theory]
    [InlineData("""{ "type": "grade_changed", "grade": "E" }""", null, "trigger.grade")]
    [InlineData("""{ "type": "stage_changed", "stage": "sold" }""", null, "trigger.stage")]
    [InlineData("""{ "type": "tag_added" }""", null, "trigger.tag")]
    [InlineData("""{ "type": "tag_added", "tag": "  " }""", null, "trigger.tag")]
    [InlineData("""{ "type": "no_activity" }""", null, "trigger.days")]
    [InlineData("""{ "type": "no_activity", "days": 366 }""", null, "trigger.days")]
    [InlineData("""{ "type": "lead_assigned", "agentId": "00000000-0000-0000-0000-000000000000" }""", null, "trigger.agentId")]
    [InlineData("""{ "type": "lead_created" }""", "always", "reenrollment")]
    public async Task A_bad_trigger_field_is_refused_with_its_name_and_saves_nothing(string trigger, string? reenrollment, string field)
    {
        var owner = await app.SignupAsync();

        var response = await owner.Client.PostAsJsonAsync("/api/v1/workflows", new
        {
            name = "Bad",
            trigger = JsonDocument.Parse(trigger).RootElement,
            steps = new[] { TriggerApi.WaitADay },
            reenrollment,
        });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).ShouldBe([field]);
        (await owner.Client.GetFromJsonAsync<List<JsonElement>>("/api/v1/workflows"))!.ShouldBeEmpty();
    }

    private static LeadScored Scored(Guid tenant, Guid lead, string previous, string grade) =>
        new(Guid.CreateVersion7(), tenant, TimeProvider.System.GetUtcNow(), lead, 0.5, grade, 0.4, previous, "rules", null);
}
