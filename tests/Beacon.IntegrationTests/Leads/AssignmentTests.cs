using System.Net.Http.Json;
using Beacon.TestKit;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Leads;

public sealed class AssignmentTests(BeaconApp app)
{
    [Fact]
    public async Task Round_robin_takes_turns_and_writes_the_reason_on_the_timeline()
    {
        var owner = await app.SignupAsync();
        var (a, _) = await LeadsApi.AddMemberAsync(app, owner, "agent");
        var (b, _) = await LeadsApi.AddMemberAsync(app, owner, "agent");

        var leads = new List<Guid?>();
        for (var i = 0; i < 4; i++)
        {
            var lead = await LeadsApi.CreatedAsync(owner.Client, new { email = $"rr{i}@example.com" });
            leads.Add(lead.GetProperty("assignedTo").GetGuid());
        }

        leads.Count(x => x == a).ShouldBe(2);
        leads.Count(x => x == b).ShouldBe(2);
        leads[0].ShouldNotBe(leads[1]);
        var last = await LeadsApi.CreatedAsync(owner.Client, new { email = "rr-last@example.com" });
        var timeline = await LeadsApi.ActivitiesAsync(owner.Client, last.GetProperty("id").GetGuid());
        timeline.Single(t => t.GetProperty("type").GetString() == "assignment").GetProperty("body").GetString()!
            .ShouldStartWith("Round robin");
    }

    [Fact]
    public async Task The_first_matching_rule_wins_over_round_robin()
    {
        var owner = await app.SignupAsync();
        var (zillowAgent, _) = await LeadsApi.AddMemberAsync(app, owner, "agent");
        var (luxuryAgent, _) = await LeadsApi.AddMemberAsync(app, owner, "agent");
        var put = await owner.Client.PutAsJsonAsync("/api/v1/leads/assignment", new
        {
            mode = "manual",
            rules = new object[]
            {
                new { name = "luxury", priceMin = 1_000_000, agentId = luxuryAgent },
                new { name = "zillow sellers", source = "zillow", type = "seller", agentId = zillowAgent },
            },
        });
        await put.EnsureSuccessAsync();

        var luxury = await LeadsApi.CreatedAsync(owner.Client, new { email = "lux@example.com", source = "zillow", type = "seller", priceMin = 1_500_000 });
        var seller = await LeadsApi.CreatedAsync(owner.Client, new { email = "sell@example.com", source = "zillow", type = "seller" });
        var other = await LeadsApi.CreatedAsync(owner.Client, new { email = "other@example.com", source = "website" });

        luxury.GetProperty("assignedTo").GetGuid().ShouldBe(luxuryAgent);
        seller.GetProperty("assignedTo").GetGuid().ShouldBe(zillowAgent);
        other.GetProperty("assignedTo").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null, "manual mode leaves the rest in the pond");
        var timeline = await LeadsApi.ActivitiesAsync(owner.Client, seller.GetProperty("id").GetGuid());
        timeline.Single(t => t.GetProperty("type").GetString() == "assignment").GetProperty("body").GetString()!
            .ShouldContain("zillow sellers");
    }

    [Fact]
    public async Task A_lead_an_agent_creates_is_theirs_and_manual_assignment_to_a_stranger_is_refused()
    {
        var owner = await app.SignupAsync();
        var (agent, agentClient) = await LeadsApi.AddMemberAsync(app, owner, "agent");

        var own = await LeadsApi.CreatedAsync(agentClient, new { email = "mine@example.com" });
        var (bad, problem) = await LeadsApi.CaptureAsync(owner.Client, new { email = "x@example.com", assignedAgentId = Guid.NewGuid() });

        own.GetProperty("assignedTo").GetGuid().ShouldBe(agent);
        ((int)bad.StatusCode).ShouldBe(400);
        problem.GetProperty("errors").TryGetProperty("assignedAgentId", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task A_lead_a_team_lead_creates_stays_theirs_while_round_robin_has_other_agents()
    {
        var owner = await app.SignupAsync();
        var (teamLead, teamLeadClient) = await LeadsApi.AddMemberAsync(app, owner, "team_lead");
        for (var i = 0; i < 3; i++)
        {
            await LeadsApi.AddMemberAsync(app, owner, "agent");
        }

        foreach (var n in Enumerable.Range(0, 4))
        {
            var own = await LeadsApi.CreatedAsync(teamLeadClient, new { email = $"typed{n}@example.com" });
            own.GetProperty("assignedTo").GetGuid().ShouldBe(teamLead, $"lead {n} the team lead typed went elsewhere");
        }
    }
}
