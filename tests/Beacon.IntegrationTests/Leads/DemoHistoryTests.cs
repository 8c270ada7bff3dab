using System.Net.Http.Json;
using System.Text.Json;
using Beacon.Contracts.Identity;
using Beacon.IntegrationTests.Scoring;
using Beacon.TestKit;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Leads;

[Collection(DemoSeedCollection.Name)]
public sealed class DemoHistoryTests(DemoSeedFixture demo)
{
    [Fact]
    public async Task The_demo_owner_pages_through_ten_thousand_leads_and_the_demo_agent_sees_only_their_own()
    {
        var owner = await demo.OwnerAsync();
        var agentTokens = await ApiClient.LoginAsync(demo.Factory.CreateClient(), "agent@demo.beacon.local", "beacon-demo");
        var agent = demo.Factory.CreateClient().WithBearer(agentTokens.AccessToken);
        var agentId = DemoTenant.Users.Single(u => u.Role == Roles.Agent).Id;

        var all = await PageThroughAsync(owner);
        var mine = await PageThroughAsync(agent);

        all.Count.ShouldBeGreaterThanOrEqualTo(10_000);
        all.Distinct().Count().ShouldBe(all.Count);
        mine.Count.ShouldBeInRange(1, all.Count - 1);
        var agentLeads = await demo.Database.ScalarAsync<long>(
            "SELECT count(*) FROM leads.leads WHERE tenant_id = $1 AND assigned_to = $2", DemoTenant.TenantId, agentId);
        mine.Count.ShouldBe((int)agentLeads);
        (await demo.Database.ScalarAsync<long>("SELECT count(*) FROM leads.demo_truth WHERE tenant_id = $1", DemoTenant.TenantId))
            .ShouldBe(all.Count);

        var csv = await owner.GetStringAsync("/api/v1/leads/export.csv?truth=true");
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBe(all.Count + 1);
        lines[0].ShouldEndWith("true_probability,converted");
    }

    private static async Task<List<Guid>> PageThroughAsync(HttpClient client)
    {
        var ids = new List<Guid>();
        string? cursor = null;
        do
        {
            var page = await client.GetFromJsonAsync<JsonElement>($"/api/v1/leads?limit=100{(cursor is null ? "" : "&cursor=" + cursor)}", ApiClient.Json);
            ids.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
            cursor = page.GetProperty("next").GetString();
        }
        while (cursor is not null);
        return ids;
    }
}
