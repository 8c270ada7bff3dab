using System.Net.Http.Json;
using System.Text.Json;
using Beacon.IntegrationTests.Leads;
using Beacon.TestKit;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Workflows;

public sealed class LeadStepTests(BeaconApp app)
{
    private static readonly object LeadCreated = new { type = "lead_created" };
    private static readonly object WaitADay = new { type = "wait", delayMinutes = 1440 };

    [Fact]
    public async Task A_set_stage_step_moves_the_lead_as_a_person_would_with_a_timeline_entry_and_an_audit_entry_by_the_workflow()
    {
        var owner = await app.SignupAsync();
        var workflow = await EngineApi.WorkflowAsync(owner.Client, LeadCreated, new { type = "set_stage", stage = "nurture" });
        var name = (await owner.Client.GetFromJsonAsync<JsonElement>($"/api/v1/workflows/{workflow}", ApiClient.Json)).GetProperty("name").GetString();
        var lead = await WorkflowsApi.LeadAsync(owner.Client);

        var done = await EngineApi.EnrollmentAsync(owner.Client, workflow, e => e.GetProperty("status").GetString() == "completed", "completed");

        done.Reasons().ShouldContain("step 1: stage new → nurture");
        (await owner.Client.GetFromJsonAsync<JsonElement>($"/api/v1/leads/{lead}", ApiClient.Json)).GetProperty("stage").GetString().ShouldBe("nurture");
        var entry = (await StepsApi.TimelineAsync(owner.Client, lead)).Single(a => a.GetProperty("type").GetString() == "stage_change");
        entry.GetProperty("body").GetString().ShouldBe($"Stage new → nurture by workflow “{name}”.");
        (await app.Database.ScalarAsync<long>("""
            SELECT count(*) FROM audit.entries WHERE tenant_id = $1 AND actor_kind = 'workflow' AND actor_id = $2
               AND action = 'lead.updated' AND subject_id = $3
            """, owner.TenantId, workflow, lead.ToString())).ShouldBe(1, "the workflow's change is in the audit trail with the workflow as actor");
    }

    [Fact]
    public async Task Running_the_same_assign_step_twice_assigns_the_lead_once_and_takes_one_round_robin_turn()
    {
        var (owner, agentId, _) = await WorkflowsApi.BrokerageWithAgentAsync(app);
        var (secondId, _) = await LeadsApi.AddMemberAsync(app, owner, "agent");
        await WorkflowsApi.WaitForMemberAsync(app, owner.TenantId, secondId);
        var workflow = await EngineApi.WorkflowAsync(owner.Client, LeadCreated, WaitADay, new { type = "assign" });
        var lead = await WorkflowsApi.LeadAsync(owner.Client);
        var before = (await owner.Client.GetFromJsonAsync<JsonElement>($"/api/v1/leads/{lead}", ApiClient.Json)).GetProperty("assignedTo").ToString();
        var waiting = await EngineApi.EnrollmentAsync(owner.Client, workflow, e => e.GetProperty("currentStep").GetInt32() == 1, "waiting");
        var turns = await TurnAsync(owner.TenantId);

        await EngineApi.RunStepAsync(app, owner.TenantId, waiting.GetProperty("id").GetGuid(), 1);
        await EngineApi.RunStepAsync(app, owner.TenantId, waiting.GetProperty("id").GetGuid(), 1);

        var done = await EngineApi.EnrollmentAsync(owner.Client, workflow, e => e.GetProperty("status").GetString() == "completed", "completed");
        done.Reasons().Count(r => r.StartsWith("step 2", StringComparison.Ordinal)).ShouldBe(1);
        done.Reasons().ShouldContain(r => r.StartsWith("step 2: lead assigned by round robin to", StringComparison.Ordinal));
        (await TurnAsync(owner.TenantId)).ShouldBe(turns + 1, "one round-robin turn, not two");
        (await StepsApi.TimelineAsync(owner.Client, lead)).Count(a => a.GetProperty("type").GetString() == "assignment"
            && a.GetProperty("body").GetString()!.Contains("by workflow", StringComparison.Ordinal)).ShouldBe(1);
        var assigned = (await owner.Client.GetFromJsonAsync<JsonElement>($"/api/v1/leads/{lead}", ApiClient.Json)).GetProperty("assignedTo");
        new[] { agentId, secondId }.ShouldContain(assigned.GetGuid());
        assigned.ToString().ShouldNotBe(before, "the next turn of two agents is the other one");
    }

    [Fact]
    public async Task An_agent_deactivated_after_the_save_makes_the_assign_step_skip_with_a_reason_and_the_lead_keeps_its_agent()
    {
        var (owner, agentId, _) = await WorkflowsApi.BrokerageWithAgentAsync(app);
        var workflow = await EngineApi.WorkflowAsync(owner.Client, LeadCreated, WaitADay, new { type = "assign", agentId });
        var lead = await WorkflowsApi.LeadAsync(owner.Client);
        var before = (await owner.Client.GetFromJsonAsync<JsonElement>($"/api/v1/leads/{lead}", ApiClient.Json)).GetProperty("assignedTo").ToString();
        var waiting = await EngineApi.EnrollmentAsync(owner.Client, workflow, e => e.GetProperty("currentStep").GetInt32() == 1, "waiting");
        (await owner.Client.PatchAsJsonAsync($"/api/v1/users/{agentId}", new { active = false })).EnsureSuccessStatusCode();
        await Poller.UntilAsync(() => app.Database.ScalarAsync<bool>(
            "SELECT active FROM leads.agents WHERE tenant_id = $1 AND user_id = $2", owner.TenantId, agentId), a => !a,
            because: "Leads learns the agent left");

        await EngineApi.RunStepAsync(app, owner.TenantId, waiting.GetProperty("id").GetGuid(), 1);

        var done = await EngineApi.EnrollmentAsync(owner.Client, workflow, e => e.GetProperty("status").GetString() == "completed", "completed");
        done.Reasons().ShouldContain(r => r.StartsWith("step 2 skipped: ", StringComparison.Ordinal)
            && r.EndsWith("is no longer an active member who can hold leads", StringComparison.Ordinal));
        (await owner.Client.GetFromJsonAsync<JsonElement>($"/api/v1/leads/{lead}", ApiClient.Json)).GetProperty("assignedTo").ToString().ShouldBe(before);
    }

    [Fact]
    public async Task Tag_steps_add_and_remove_a_tag_and_say_so_when_there_is_nothing_to_do()
    {
        var owner = await app.SignupAsync();
        var workflow = await EngineApi.WorkflowAsync(owner.Client, LeadCreated,
            new { type = "add_tag", tag = "Drip" }, new { type = "remove_tag", tag = "new-lead" }, new { type = "remove_tag", tag = "absent" });
        var lead = (await LeadsApi.CreatedAsync(owner.Client, new { email = $"{Guid.NewGuid():N}@example.test", tags = new[] { "new-lead" } }))
            .GetProperty("id").GetGuid();

        var done = await EngineApi.EnrollmentAsync(owner.Client, workflow, e => e.GetProperty("status").GetString() == "completed", "completed");

        done.Reasons().ShouldBe(["enrolled: lead created (api)", "step 1: tag “drip” added", "step 2: tag “new-lead” removed",
            "step 3 skipped: the lead has no tag “absent”", "every step done"]);
        (await owner.Client.GetFromJsonAsync<JsonElement>($"/api/v1/leads/{lead}", ApiClient.Json)).GetProperty("tags")
            .EnumerateArray().Select(t => t.GetString()).ShouldBe(["drip"]);
    }

    private Task<long> TurnAsync(Guid tenant) =>
        app.Database.ScalarAsync<long>("SELECT coalesce((SELECT rr_counter FROM leads.assignment WHERE tenant_id = $1), 0)", tenant);
}
