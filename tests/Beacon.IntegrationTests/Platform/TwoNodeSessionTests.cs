using System.Net;
using System.Net.Http.Json;
using Beacon.TestKit;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Platform;

/// <summary>
/// Session persistence: signing keys and refresh tokens live in PostgreSQL, not in a node's memory, so a browser's
/// session survives being switched to another node and either node going away.
/// </summary>
public sealed class TwoNodeSessionTests(BeaconApp app)
{
    [Fact]
    public async Task A_session_started_on_one_node_works_and_refreshes_on_the_other_and_outlives_the_first()
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Beacon"] = app.Database.AppConnectionString,
            ["Beacon:Auth:KeyEncryptionKey"] = app.Database.KeyEncryptionKey,
            ["Beacon:RateLimits:ApiPerSecond"] = "10000",
            ["Beacon:RateLimits:AuthPerMinute"] = "10000",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in BeaconFactory.QueueSettings)
        {
            settings.TryAdd(key, value);
        }

        var first = await ServerProcess.StartAsync(settings);
        await using var second = await ServerProcess.StartAsync(settings);
        using var onSecond = new HttpClient { BaseAddress = second.BaseAddress };
        Tokens tokens;
        await using (first)
        {
            var owner = await ApiClient.SignupAsync(() => new HttpClient { BaseAddress = first.BaseAddress });
            tokens = owner.Tokens;

            (await onSecond.SendAsync(Me(tokens.AccessToken))).StatusCode.ShouldBe(HttpStatusCode.OK, "a token of node 1 on node 2");
            tokens = await RefreshAsync(onSecond, tokens.RefreshToken);
            using var onFirst = new HttpClient { BaseAddress = first.BaseAddress };
            (await onFirst.SendAsync(Me(tokens.AccessToken))).StatusCode.ShouldBe(HttpStatusCode.OK, "a token refreshed on node 2 on node 1");
        }

        // Node 1 is gone (its process stopped): its sessions carry on with node 2.
        tokens = await RefreshAsync(onSecond, tokens.RefreshToken);
        (await onSecond.SendAsync(Me(tokens.AccessToken))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private static HttpRequestMessage Me(string accessToken) => new(HttpMethod.Get, "/api/v1/me")
    {
        Headers = { Authorization = new("Bearer", accessToken) },
    };

    private static async Task<Tokens> RefreshAsync(HttpClient client, string refreshToken)
    {
        var refreshed = await client.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken });
        await refreshed.EnsureSuccessAsync();
        return (await refreshed.Content.ReadFromJsonAsync<Tokens>(ApiClient.Json))!;
    }
}
