using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Beacon.TestKit;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Workflows;

public sealed class TaskTests(BeaconApp app)
{
    [Fact]
    public async Task My_tasks_sorts_open_tasks_into_overdue_today_and_upcoming_in_the_viewers_time_zone()
    {
        var (_, _, agent) = await WorkflowsApi.BrokerageWithAgentAsync(app);
        var lead = await WorkflowsApi.LeadAsync(agent);
        var now = TimeProvider.System.GetUtcNow();
        await WorkflowsApi.CreateTaskAsync(agent, new { leadId = lead, title = "Late", dueAt = now.AddHours(-2) });
        await WorkflowsApi.CreateTaskAsync(agent, new { leadId = lead, title = "Next week", dueAt = now.AddDays(7) });
        // A zone where it is not yet 22:00, so half an hour from now is still today there (the three are 6+ hours apart).
        var soon = new[] { "America/Chicago", "Asia/Tokyo", "Europe/London" }.First(z =>
            TimeZoneInfo.ConvertTime(now, TimeZoneInfo.FindSystemTimeZoneById(z)).TimeOfDay < TimeSpan.FromHours(22));
        await WorkflowsApi.CreateTaskAsync(agent, new { leadId = lead, title = "Soon", dueAt = now.AddMinutes(30) });

        (await WorkflowsApi.TasksAsync(agent, $"?view=overdue&timeZone={soon}")).Titles().ShouldBe(["Late"]);
        (await WorkflowsApi.TasksAsync(agent, $"?view=today&timeZone={soon}")).Titles().ShouldBe(["Soon"]);
        (await WorkflowsApi.TasksAsync(agent, $"?view=upcoming&timeZone={soon}")).Titles().ShouldBe(["Next week"]);
        var open = await WorkflowsApi.TasksAsync(agent, $"?timeZone={soon}");
        open.Select(t => t.GetProperty("bucket").GetString()).ShouldBe(["overdue", "today", "upcoming"]);
        open[0].GetProperty("leadName").GetString().ShouldBe("Ann Lee");
    }

    [Fact]
    public async Task Completing_a_task_moves_it_to_done_and_reopening_brings_it_back()
    {
        var (_, _, agent) = await WorkflowsApi.BrokerageWithAgentAsync(app);
        var lead = await WorkflowsApi.LeadAsync(agent);
        var task = await WorkflowsApi.CreateTaskAsync(agent, new { leadId = lead, title = "Call back", dueAt = TimeProvider.System.GetUtcNow().AddHours(1) });
        var id = task.GetProperty("id").GetGuid();

        var done = await (await agent.PostAsync($"/api/v1/tasks/{id}/complete", null)).Content.ReadFromJsonAsync<JsonElement>(ApiClient.Json);
        done.GetProperty("bucket").GetString().ShouldBe("done");
        (await WorkflowsApi.TasksAsync(agent)).ShouldBeEmpty();
        (await WorkflowsApi.TasksAsync(agent, "?view=done")).Titles().ShouldBe(["Call back"]);

        (await agent.PostAsync($"/api/v1/tasks/{id}/reopen", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await WorkflowsApi.TasksAsync(agent)).Titles().ShouldBe(["Call back"]);
        (await WorkflowsApi.TasksAsync(agent, "?view=done")).ShouldBeEmpty();
    }

    [Fact]
    public async Task An_agent_sees_and_completes_only_their_own_tasks_while_a_manager_sees_all_or_one_assignees()
    {
        var (owner, agentId, agent) = await WorkflowsApi.BrokerageWithAgentAsync(app);
        var lead = await WorkflowsApi.LeadAsync(owner.Client);
        var mine = await WorkflowsApi.CreateTaskAsync(owner.Client, new { leadId = lead, title = "Owner's", dueAt = TimeProvider.System.GetUtcNow().AddDays(1) });
        await WorkflowsApi.CreateTaskAsync(owner.Client, new { leadId = lead, title = "Agent's", assigneeId = agentId, dueAt = TimeProvider.System.GetUtcNow().AddDays(2) });

        (await WorkflowsApi.TasksAsync(agent)).Titles().ShouldBe(["Agent's"]);
        (await WorkflowsApi.TasksAsync(agent, $"?assigneeId={owner.UserId}")).Titles().ShouldBe(["Agent's"]);
        (await WorkflowsApi.TasksAsync(owner.Client)).Titles().ShouldBe(["Owner's", "Agent's"]);
        (await WorkflowsApi.TasksAsync(owner.Client, $"?assigneeId={agentId}")).Titles().ShouldBe(["Agent's"]);
        (await agent.PostAsync($"/api/v1/tasks/{mine.GetProperty("id").GetGuid()}/complete", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await WorkflowsApi.TasksAsync(owner.Client, "?view=done")).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("""{"title":"x","dueAt":"2026-12-08T10:00:00Z"}""", "leadId")]
    [InlineData("""{"leadId":"{lead}","title":"","dueAt":"2026-12-08T10:00:00Z"}""", "title")]
    [InlineData("""{"leadId":"{lead}","title":"x"}""", "dueAt")]
    [InlineData("""{"leadId":"{random}","title":"x","dueAt":"2026-12-08T10:00:00Z"}""", "leadId")]
    [InlineData("""{"leadId":"{lead}","title":"x","dueAt":"2026-12-08T10:00:00Z","assigneeId":"{owner}"}""", "assigneeId")]
    public async Task A_bad_task_is_refused_naming_the_field_and_nothing_is_saved(string body, string field)
    {
        var (owner, _, agent) = await WorkflowsApi.BrokerageWithAgentAsync(app);
        var lead = await WorkflowsApi.LeadAsync(agent);
        var json = body.Replace("{lead}", lead.ToString()).Replace("{random}", Guid.NewGuid().ToString())
            .Replace("{owner}", owner.UserId.ToString());

        var response = await agent.PostAsync("/api/v1/tasks", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ApiClient.Json);
        problem.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue(problem.ToString());
        (await app.Database.ScalarAsync<long>("SELECT count(*) FROM workflows.tasks WHERE tenant_id = $1", owner.TenantId)).ShouldBe(0);
    }

    [Fact]
    public async Task An_unknown_time_zone_or_view_is_refused_naming_it()
    {
        var (_, _, agent) = await WorkflowsApi.BrokerageWithAgentAsync(app);

        var response = await agent.GetAsync("/api/v1/tasks?view=someday&timeZone=Mars/Olympus");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(ApiClient.Json)).GetProperty("errors");
        errors.TryGetProperty("view", out _).ShouldBeTrue();
        errors.TryGetProperty("timeZone", out _).ShouldBeTrue();
    }
}
