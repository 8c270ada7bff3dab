using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Beacon.IntegrationTests.Leads;
using Beacon.TestKit;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Scoring;

public sealed class ScoreVisibilityTests(BeaconApp app)
{
    [Fact]
    public async Task An_agent_sees_the_score_of_their_own_lead_only_and_read_only_users_see_every_score()
    {
        var owner = await app.SignupAsync();
        var (agentId, agent) = await LeadsApi.AddMemberAsync(app, owner, "agent");
        var (_, reader) = await LeadsApi.AddMemberAsync(app, owner, "read_only");
        var mine = await CreateAssignedAsync(owner.Client, agentId);
        var theirs = await CreateAssignedAsync(owner.Client, owner.UserId);
        await ScoringApi.WaitForScoreAsync(owner.Client, mine);
        await ScoringApi.WaitForScoreAsync(owner.Client, theirs);

        (await agent.GetAsync($"/api/v1/leads/{mine}/score")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await agent.GetAsync($"/api/v1/leads/{theirs}/score")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await reader.GetAsync($"/api/v1/leads/{theirs}/score")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await reader.PutAsJsonAsync($"/api/v1/leads/{theirs}/score/override", new { grade = "A", reason = "no" }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await owner.Client.GetAsync($"/api/v1/leads/{Guid.CreateVersion7()}/score")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private static async Task<Guid> CreateAssignedAsync(HttpClient client, Guid agentId)
    {
        var response = await client.PostAsJsonAsync("/api/v1/leads", new
        {
            firstName = "Pat",
            email = $"pat-{Guid.NewGuid():N}@example.test",
            source = "website",
            type = "seller",
            assignedAgentId = agentId,
        });
        await response.EnsureSuccessAsync();
        return (await response.Content.ReadFromJsonAsync<JsonElement>(ApiClient.Json)).GetProperty("id").GetGuid();
    }
}
