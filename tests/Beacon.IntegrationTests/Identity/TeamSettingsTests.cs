using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Beacon.TestKit;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Identity;

/// <summary>Settings → Teams: rename a team, name its lead (an active member who may lead), and keep that true.</summary>
public sealed class TeamSettingsTests(BeaconApp app)
{
    private static async Task<Guid> CreateTeamAsync(TenantSession owner, string name)
    {
        var created = await owner.Client.PostAsJsonAsync("/api/v1/teams", new { name });
        await created.EnsureSuccessAsync();
        return (await created.Content.ReadFromJsonAsync<JsonElement>(ApiClient.Json)).GetProperty("id").GetGuid();
    }

    private static async Task<JsonElement> TeamAsync(TenantSession owner, Guid id) =>
        (await owner.Client.GetFromJsonAsync<JsonElement>("/api/v1/teams", ApiClient.Json)).EnumerateArray()
        .Single(t => t.GetProperty("id").GetGuid() == id);

    [Fact]
    public async Task An_admin_renames_a_team_and_names_a_member_team_lead_its_lead()
    {
        var owner = await app.SignupAsync();
        var team = await CreateTeamAsync(owner, "North");
        var lead = await ApiClient.AddMemberAsync(owner, app.Factory.CreateClient, "team_lead", team);
        await ApiClient.AddMemberAsync(owner, app.Factory.CreateClient, "agent", team);

        var updated = await owner.Client.PatchAsJsonAsync($"/api/v1/teams/{team}", new { name = "North Shore", leadUserId = lead.UserId });

        await updated.EnsureSuccessAsync();
        var shown = await TeamAsync(owner, team);
        shown.GetProperty("name").GetString().ShouldBe("North Shore");
        shown.GetProperty("leadUserId").GetGuid().ShouldBe(lead.UserId);
        shown.GetProperty("memberCount").GetInt32().ShouldBe(2);

        await (await owner.Client.PatchAsJsonAsync($"/api/v1/teams/{team}", new { clearLead = true })).EnsureSuccessAsync();
        (await TeamAsync(owner, team)).GetProperty("leadUserId").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task A_lead_who_is_not_a_member_or_only_an_agent_is_400_naming_leadUserId()
    {
        var owner = await app.SignupAsync();
        var north = await CreateTeamAsync(owner, "North");
        var south = await CreateTeamAsync(owner, "South");
        var elsewhere = await ApiClient.AddMemberAsync(owner, app.Factory.CreateClient, "team_lead", south);
        var agent = await ApiClient.AddMemberAsync(owner, app.Factory.CreateClient, "agent", north);

        foreach (var candidate in new[] { elsewhere.UserId, agent.UserId, Guid.NewGuid() })
        {
            await PasswordResetTests.ShouldBeBadAsync(await owner.Client.PatchAsJsonAsync($"/api/v1/teams/{north}",
                new { name = "Changed", leadUserId = candidate }), "leadUserId");
        }

        var team = await TeamAsync(owner, north);
        team.GetProperty("name").GetString().ShouldBe("North");
        team.GetProperty("leadUserId").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task A_lead_who_moves_to_another_team_or_is_demoted_stops_leading_the_first()
    {
        var owner = await app.SignupAsync();
        var north = await CreateTeamAsync(owner, "North");
        var south = await CreateTeamAsync(owner, "South");
        var lead = await ApiClient.AddMemberAsync(owner, app.Factory.CreateClient, "team_lead", north);
        var other = await ApiClient.AddMemberAsync(owner, app.Factory.CreateClient, "team_lead", south);
        await (await owner.Client.PatchAsJsonAsync($"/api/v1/teams/{north}", new { leadUserId = lead.UserId })).EnsureSuccessAsync();
        await (await owner.Client.PatchAsJsonAsync($"/api/v1/teams/{south}", new { leadUserId = other.UserId })).EnsureSuccessAsync();

        await (await owner.Client.PatchAsJsonAsync($"/api/v1/users/{lead.UserId}", new { teamId = south })).EnsureSuccessAsync();
        await (await owner.Client.PatchAsJsonAsync($"/api/v1/users/{other.UserId}", new { role = "agent" })).EnsureSuccessAsync();

        (await TeamAsync(owner, north)).GetProperty("leadUserId").ValueKind.ShouldBe(JsonValueKind.Null);
        (await TeamAsync(owner, south)).GetProperty("leadUserId").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task Renaming_a_team_to_another_teams_name_is_409_and_an_unknown_team_404()
    {
        var owner = await app.SignupAsync();
        await CreateTeamAsync(owner, "North");
        var south = await CreateTeamAsync(owner, "South");

        (await owner.Client.PatchAsJsonAsync($"/api/v1/teams/{south}", new { name = "North" })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await owner.Client.PatchAsJsonAsync($"/api/v1/teams/{Guid.NewGuid()}", new { name = "East" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await TeamAsync(owner, south)).GetProperty("name").GetString().ShouldBe("South");
    }
}
