using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Beacon.IntegrationTests.Realtime;
using Beacon.TestKit;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Platform;

/// <summary>
/// Two nodes (two servers, each with its own memory) on one database: with Redis the quota holds across them; without
/// it each node counts alone (the control that shows the test can fail); a Redis outage fails open to per-node
/// counting and sharing resumes when Redis is back (ADR 0023).
/// </summary>
public sealed class RateLimitAcrossNodesTests(BeaconApp app)
{
    private BeaconFactory Node(string? redis, int perPrincipal) => new(app.Database, new Dictionary<string, string?>
    {
        ["Beacon:RateLimits:Rest:PerPrincipal"] = perPrincipal.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Beacon:Redis:Configuration"] = redis ?? "",
    });

    private static async Task<int> AlternateAsync(TenantSession owner, HttpClient a, HttpClient b, int calls)
    {
        var served = 0;
        foreach (var client in Enumerable.Range(0, calls).Select(i => i % 2 == 0 ? a : b))
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/teams");
            request.Headers.Authorization = owner.Client.DefaultRequestHeaders.Authorization;
            served += (await client.SendAsync(request)).StatusCode == HttpStatusCode.OK ? 1 : 0;
        }

        return served;
    }

    [Fact]
    public async Task With_redis_the_quota_holds_across_two_nodes_and_without_it_each_node_counts_alone()
    {
        await using var sharedA = Node(RedisServer.Shared.Configuration, 10);
        await using var sharedB = Node(RedisServer.Shared.Configuration, 10);
        var owner = await ApiClient.SignupAsync(app.Factory.CreateClient);
        var first = await sharedA.CreateClient().WithBearer(owner.Tokens.AccessToken).GetAsync("/api/v1/teams");
        var left = RateLimitPolicyTests.Remaining(first, "user"); // sign-up's own calls count in Redis too
        left.ShouldBeInRange(5, 9);
        (await AlternateAsync(owner, sharedA.CreateClient(), sharedB.CreateClient(), 30)).ShouldBe(left, "what was left of ten, whichever node answered");

        // Signed up on the shared server: its calls count in Redis, not in these nodes' memories.
        var other = await ApiClient.SignupAsync(app.Factory.CreateClient);
        await using var aloneA = Node(null, 10);
        await using var aloneB = Node(null, 10);
        (await AlternateAsync(other, aloneA.CreateClient(), aloneB.CreateClient(), 30)).ShouldBe(20, "per-node counting lets each node serve the quota");
    }

    [Fact]
    public async Task When_redis_goes_down_requests_are_still_served_with_per_node_limits_and_sharing_resumes_when_it_is_back()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var node = Node(redis.Configuration, 1000);
        var owner = await ApiClient.SignupAsync(node.CreateClient);
        (await Shared(owner.Client)).ShouldBeTrue();

        await redis.StopAsync();
        var during = await owner.Client.GetAsync("/api/v1/teams");
        during.StatusCode.ShouldBe(HttpStatusCode.OK, "fail-open: an outage of the counters is not an outage of the API");
        SharedOf(await owner.Client.GetFromJsonAsync<JsonElement>("/api/v1/rate-limits")).ShouldBeFalse("counted on this node meanwhile");
        RateLimitPolicyTests.Remaining(during, "user").ShouldBeLessThan(1000, "the node still counts");

        await redis.StartAgainAsync();
        await Poller.UntilAsync(() => Shared(owner.Client), shared => shared, TimeSpan.FromSeconds(30), "the node counts in Redis again");
    }

    [Fact]
    public async Task Live_messages_beyond_the_socket_quota_are_dropped_with_a_rate_limited_frame_and_the_socket_stays_open()
    {
        await using var node = new BeaconFactory(app.Database, new Dictionary<string, string?> { ["Beacon:RateLimits:Socket:PerPrincipal"] = "3" });
        var owner = await ApiClient.SignupAsync(node.CreateClient);
        var socket = node.Server.CreateWebSocketClient();
        await using var live = new LiveClient(await socket.ConnectAsync(new Uri(node.Server.BaseAddress, "/api/v1/live").ToWs(), CancellationToken.None));
        await live.AuthAsync(owner.Tokens.AccessToken);
        (await live.NextAsync())!.Value.GetProperty("type").GetString().ShouldBe("ready");

        for (var i = 0; i < 5; i++)
        {
            await live.SendAsync(new { type = "subscribe", topics = new[] { "all" } });
        }

        var errors = new List<JsonElement>();
        while (errors.Count < 2 && await live.NextAsync(TimeSpan.FromSeconds(10)) is { } frame)
        {
            if (frame.GetProperty("type").GetString() == "error")
            {
                errors.Add(frame);
            }
        }

        errors.Count.ShouldBe(2, "three messages within the quota, two dropped");
        errors.ShouldAllBe(e => e.GetProperty("code").GetString() == "rate_limited" && e.GetProperty("retryAfterSeconds").GetInt32() >= 1);
        live.Socket.State.ShouldBe(System.Net.WebSockets.WebSocketState.Open);
    }

    private static async Task<bool> Shared(HttpClient client) => SharedOf(await client.GetFromJsonAsync<JsonElement>("/api/v1/rate-limits"));

    private static bool SharedOf(JsonElement body) =>
        body.GetProperty("scopes").EnumerateArray().First(s => s.GetProperty("scope").GetString() == "rest").GetProperty("shared").GetBoolean();
}
