using System.Net.Http.Json;
using System.Text.Json;
using Beacon.Contracts.Identity;
using Beacon.SharedKernel;
using Beacon.TestKit;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Leads;

public sealed class DemoHistoryTests(BeaconApp app)
{
    [Fact]
    public async Task The_demo_owner_pages_through_ten_thousand_leads_and_the_demo_agent_sees_only_their_own()
    {
        foreach (var seeder in app.Factory.Services.GetServices<IDemoSeeder>().OrderBy(s => s.Order))
        {
            await seeder.SeedAsync(TestContext.Current.CancellationToken);
        }

        var owner = app.Anonymous().WithBearer((await ApiClient.LoginAsync(app.Anonymous(), "owner@demo.beacon.local", "beacon-demo")).AccessToken);
        var agent = app.Anonymous().WithBearer((await ApiClient.LoginAsync(app.Anonymous(), "agent@demo.beacon.local", "beacon-demo")).AccessToken);
        var agentId = DemoTenant.Users.Single(u => u.Role == Roles.Agent).Id;

        var all = await PageThroughAsync(owner);
        var mine = await PageThroughAsync(agent);

        all.Count.ShouldBeGreaterThanOrEqualTo(10_000);
        all.Distinct().Count().ShouldBe(all.Count);
        mine.Count.ShouldBeInRange(1, all.Count - 1);
        var agentLeads = await app.Database.ScalarAsync<long>(
            "SELECT count(*) FROM leads.leads WHERE tenant_id = $1 AND assigned_to = $2", DemoTenant.TenantId, agentId);
        mine.Count.ShouldBe((int)agentLeads);
        (await app.Database.ScalarAsync<long>("SELECT count(*) FROM leads.demo_truth WHERE tenant_id = $1", DemoTenant.TenantId))
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
