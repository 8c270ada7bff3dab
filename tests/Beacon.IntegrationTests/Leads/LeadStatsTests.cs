using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Beacon.TestKit;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Leads;

public sealed class LeadStatsTests(BeaconApp app)
{
    [Fact]
    public async Task Counts_match_the_created_leads_by_day_stage_and_source()
    {
        var owner = await app.SignupAsync();
        await LeadsApi.CreatedAsync(owner.Client, new { email = "s1@example.com", source = "zillow" });
        await LeadsApi.CreatedAsync(owner.Client, new { email = "s2@example.com", source = "zillow", stage = "contacted" });
        await LeadsApi.CreatedAsync(owner.Client, new { email = "s3@example.com", source = "website" });

        var stats = await StatsAsync(owner.Client);

        stats.GetProperty("total").GetInt64().ShouldBe(3);
        stats.GetProperty("stillNew").GetInt64().ShouldBe(2);
        stats.GetProperty("timeZone").GetString().ShouldBe("UTC");
        Counts(stats, "byStage", "stage").ShouldBe(new Dictionary<string, long> { ["new"] = 2, ["contacted"] = 1 });
        Counts(stats, "bySource", "source").ShouldBe(new Dictionary<string, long> { ["zillow"] = 2, ["website"] = 1 });
        var days = stats.GetProperty("byDay").EnumerateArray().ToList();
        days.Count.ShouldBeInRange(7, 8, "the last 7 days touch 8 dates unless now is exactly midnight");
        days.Sum(d => d.GetProperty("count").GetInt64()).ShouldBe(3);
        stats.GetProperty("createdToday").GetInt64().ShouldBe(days[^1].GetProperty("count").GetInt64(), "today is the range's last day");
        var from = stats.GetProperty("from").GetDateTimeOffset();
        (stats.GetProperty("to").GetDateTimeOffset() - from).ShouldBe(TimeSpan.FromDays(7));
    }

    [Fact]
    public async Task Each_role_counts_exactly_the_leads_its_list_shows()
    {
        var owner = await app.SignupAsync();
        var team = await LeadsApi.CreateTeamAsync(owner, "South");
        var (lead, leadClient) = await LeadsApi.AddMemberAsync(app, owner, "team_lead", team);
        var (inTeam, inTeamClient) = await LeadsApi.AddMemberAsync(app, owner, "agent", team);
        var (outsider, _) = await LeadsApi.AddMemberAsync(app, owner, "agent");
        var (_, readOnlyClient) = await LeadsApi.AddMemberAsync(app, owner, "read_only");
        await LeadsApi.CreatedAsync(owner.Client, new { email = "v1@example.com", assignedAgentId = inTeam });
        await LeadsApi.CreatedAsync(owner.Client, new { email = "v2@example.com", assignedAgentId = outsider });
        await LeadsApi.CreatedAsync(owner.Client, new { email = "v3@example.com", assignedAgentId = lead, source = "referral" });

        (await StatsAsync(owner.Client)).GetProperty("total").GetInt64().ShouldBe(3);
        (await StatsAsync(readOnlyClient)).GetProperty("total").GetInt64().ShouldBe(3);
        (await StatsAsync(leadClient)).GetProperty("total").GetInt64().ShouldBe(2);
        var agent = await StatsAsync(inTeamClient);
        agent.GetProperty("total").GetInt64().ShouldBe(1);
        Counts(agent, "bySource", "source").Keys.ShouldNotContain("referral");
    }

    [Fact]
    public async Task Another_tenant_counts_nothing_of_ours()
    {
        var mine = await app.SignupAsync();
        var theirs = await app.SignupAsync();
        await LeadsApi.CreatedAsync(theirs.Client, new { email = "other@example.com" });

        var stats = await StatsAsync(mine.Client);

        stats.GetProperty("total").GetInt64().ShouldBe(0);
        stats.GetProperty("byStage").GetArrayLength().ShouldBe(0);
        stats.GetProperty("byDay").EnumerateArray().ShouldAllBe(d => d.GetProperty("count").GetInt64() == 0);
        (await StatsAsync(theirs.Client)).GetProperty("total").GetInt64().ShouldBe(1);
    }

    [Fact]
    public async Task Days_are_local_to_tz_so_leads_either_side_of_new_york_midnight_fall_on_two_dates()
    {
        var owner = await app.SignupAsync();
        var before = (await LeadsApi.CreatedAsync(owner.Client, new { email = "late@example.com" })).GetProperty("id").GetGuid();
        var after = (await LeadsApi.CreatedAsync(owner.Client, new { email = "early@example.com" })).GetProperty("id").GetGuid();
        // 23:30 and 00:30 in New York (EDT, UTC−4), both on 10 March in UTC.
        await MoveAsync(owner.TenantId, before, "2026-03-10T03:30:00Z");
        await MoveAsync(owner.TenantId, after, "2026-03-10T04:30:00Z");
        const string range = "from=2026-03-09T00:00:00Z&to=2026-03-11T00:00:00Z";

        var utc = await StatsAsync(owner.Client, range);
        var newYork = await StatsAsync(owner.Client, range + "&tz=America/New_York");

        Days(utc).ShouldBe(new Dictionary<string, long> { ["2026-03-09"] = 0, ["2026-03-10"] = 2 });
        Days(newYork).ShouldBe(new Dictionary<string, long> { ["2026-03-08"] = 0, ["2026-03-09"] = 1, ["2026-03-10"] = 1 });
        newYork.GetProperty("timeZone").GetString().ShouldBe("America/New_York");
        newYork.GetProperty("total").GetInt64().ShouldBe(2);
        newYork.GetProperty("createdToday").GetInt64().ShouldBe(0, "today is not in this range");
    }

    [Theory]
    [InlineData("from=yesterday", "from")]
    [InlineData("to=2026-13-40T00:00:00Z", "to")]
    [InlineData("tz=Mars/Olympus_Mons", "tz")]
    [InlineData("tz=Eastern%20Standard%20Time", "tz")]
    [InlineData("from=2026-03-10T00:00:00Z&to=2026-03-09T00:00:00Z", "to")]
    [InlineData("from=2025-01-01T00:00:00Z&to=2026-03-01T00:00:00Z", "from")]
    public async Task Bad_ranges_and_zones_are_400_naming_the_field(string query, string field)
    {
        var owner = await app.SignupAsync();

        var response = await owner.Client.GetAsync($"/api/v1/leads/stats?{query}");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ApiClient.Json);
        problem.GetProperty("errors").EnumerateObject().Select(e => e.Name).ShouldBe([field]);
    }

    private static async Task<JsonElement> StatsAsync(HttpClient client, string query = "")
    {
        var response = await client.GetAsync($"/api/v1/leads/stats?{query}");
        await response.EnsureSuccessAsync();
        return await response.Content.ReadFromJsonAsync<JsonElement>(ApiClient.Json);
    }

    private static Dictionary<string, long> Counts(JsonElement stats, string list, string key) =>
        stats.GetProperty(list).EnumerateArray().ToDictionary(e => e.GetProperty(key).GetString()!, e => e.GetProperty("count").GetInt64());

    private static Dictionary<string, long> Days(JsonElement stats) => Counts(stats, "byDay", "day");

    private async Task MoveAsync(Guid tenant, Guid lead, string createdAt) => await app.Database.ScalarAsync<object>(
        "UPDATE leads.leads SET created_at = $3 WHERE tenant_id = $1 AND id = $2", tenant, lead, DateTimeOffset.Parse(createdAt,
            System.Globalization.CultureInfo.InvariantCulture).UtcDateTime);
}
