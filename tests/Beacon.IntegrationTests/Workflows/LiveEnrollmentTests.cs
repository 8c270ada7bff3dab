using System.Net.Http.Json;
using System.Text.Json;
using Beacon.IntegrationTests.Realtime;
using Beacon.TestKit;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Workflows;

/// <summary>Enrollment and step events reach the live stream, scoped like every lead event: only to who may open the lead.</summary>
public sealed class LiveEnrollmentTests(BeaconApp app)
{
    [Fact]
    public async Task Enrollment_events_stream_live_to_whoever_may_see_the_lead_and_not_to_an_agent_who_may_not()
    {
        var owner = await app.SignupAsync();
        var agent = await ApiClient.AddMemberAsync(owner, app.Factory.CreateClient, "agent");
        var workflow = await EngineApi.WorkflowAsync(owner.Client, new { type = "lead_created" }, TriggerApi.EndsAtOnce);
        var ownerStart = await LiveSocketTests.CurrentCursorAsync(owner.Client);
        var agentStart = await LiveSocketTests.CurrentCursorAsync(agent.Client);

        var notTheAgents = await LiveSocketTests.CreateLeadAsync(owner.Client, "NotMine", owner.UserId);
        var theAgents = await LiveSocketTests.CreateLeadAsync(owner.Client, "Mine", agent.UserId);

        var ownerSees = await Poller.UntilAsync(() => EnrollmentEventsAsync(owner.Client, ownerStart),
            e => e.Count(x => Status(x) == "completed") == 2, because: "both enrollments run to the end on the owner's stream");
        var first = ownerSees.Where(e => Data(e).GetProperty("leadId").GetGuid() == notTheAgents).ToList();
        first.Select(Status).ShouldBe(["enrolled", "done", "completed"]);
        first.ShouldAllBe(e => Data(e).GetProperty("workflowId").GetGuid() == workflow);
        Data(first[0]).GetProperty("reason").GetString().ShouldBe("enrolled: lead created (website)");

        var agentSees = await Poller.UntilAsync(() => EnrollmentEventsAsync(agent.Client, agentStart),
            e => e.Any(x => Status(x) == "completed"), because: "the agent's own lead's enrollment ends on their stream");
        agentSees.Select(e => Data(e).GetProperty("leadId").GetGuid()).Distinct().ShouldBe([theAgents]);
    }

    private static async Task<List<JsonElement>> EnrollmentEventsAsync(HttpClient client, long after)
    {
        var body = await client.GetFromJsonAsync<JsonElement>($"/api/v1/live/events?after={after}&wait=1");
        return [.. body.GetProperty("events").EnumerateArray().Where(e => e.GetProperty("type").GetString() == "workflow.enrollment_changed")];
    }

    private static JsonElement Data(JsonElement e) => e.GetProperty("data");

    private static string Status(JsonElement e) => Data(e).GetProperty("status").GetString()!;
}
