using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Beacon.TestKit;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Leads;

/// <summary>
/// A capture holds a connection for its transaction; nothing it does may wait for a second connection of the same
/// pool, or enough concurrent captures hold the whole pool and wait for each other until the pool times out.
/// </summary>
public sealed class CapturePoolTests(BeaconApp app)
{
    [Fact]
    public async Task More_concurrent_round_robin_captures_than_pooled_connections_all_complete()
    {
        var owner = await app.SignupAsync();
        var (first, _) = await LeadsApi.AddMemberAsync(app, owner, "agent");
        var (second, _) = await LeadsApi.AddMemberAsync(app, owner, "agent");
        await using var small = new BeaconFactory(app.Database, new Dictionary<string, string?>
        {
            ["ConnectionStrings:Beacon"] = app.Database.AppConnectionString + ";Maximum Pool Size=3;Timeout=5",
            ["Beacon:Jobs:Enabled"] = "false",
        });
        using var client = small.CreateClient().WithBearer(owner.Tokens.AccessToken);

        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            client.PostAsJsonAsync("/api/v1/leads", new { email = $"pool{i}@example.com", source = "website" })));

        answers.Select(a => a.StatusCode).ShouldAllBe(s => s == HttpStatusCode.Created);
        var agents = await Task.WhenAll(answers.Select(async a =>
            (await a.Content.ReadFromJsonAsync<JsonElement>(ApiClient.Json)).GetProperty("assignedTo").GetGuid()));
        agents.Distinct().Order().ShouldBe(new[] { first, second }.Order(), "round robin over both agents");
    }
}
