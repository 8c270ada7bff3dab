using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using Beacon.Identity.Tokens;
using Beacon.IntegrationTests.Identity;
using Beacon.TestKit;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Realtime;

/// <summary>The live socket's protocol (ADR 0005) against the in-process server.</summary>
public sealed class LiveSocketTests(BeaconApp app)
{
    internal static async Task<Guid> CreateLeadAsync(HttpClient client, string? name = null, Guid? agent = null)
    {
        var response = await client.PostAsJsonAsync("/api/v1/leads", new
        {
            firstName = name ?? "Live",
            lastName = "Lead",
            email = $"live-{Guid.NewGuid():N}@example.test",
            source = "website",
            type = "buyer",
            assignedAgentId = agent,
        });
        await response.EnsureSuccessAsync();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private async Task<LiveClient> ConnectAsync(string query = "", string? origin = null)
    {
        var client = app.Factory.Server.CreateWebSocketClient();
        if (origin is not null)
        {
            client.ConfigureRequest = r => r.Headers.Origin = origin;
        }

        return new LiveClient(await client.ConnectAsync(new Uri(app.Factory.Server.BaseAddress, "/api/v1/live" + query).ToWs(), CancellationToken.None));
    }

    [Fact]
    public async Task An_authenticated_socket_gets_ready_then_each_new_lead_in_cursor_order()
    {
        var owner = await app.SignupAsync();
        await using var live = await ConnectAsync();
        await live.AuthAsync(owner.Tokens.AccessToken);
        var ready = (await live.NextAsync())!.Value;
        ready.GetProperty("type").GetString().ShouldBe("ready");

        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await LiveSocketTests.CreateLeadAsync(owner.Client));
        }

        var created = await live.EventsAsync(3, TimeSpan.FromSeconds(10), e => e.GetProperty("eventType").GetString() == "lead.created");
        created.Select(e => e.GetProperty("data").GetProperty("leadId").GetGuid()).ShouldBe(ids);
        var cursors = created.Select(e => e.GetProperty("cursor").GetInt64()).ToList();
        cursors.ShouldBe(cursors.Order().ToList());
    }

    [Fact]
    public async Task A_bad_token_or_no_auth_message_closes_with_4401()
    {
        await using var forged = await ConnectAsync();
        await forged.AuthAsync("not-a-token");
        (await forged.NextAsync()).ShouldBeNull();
        ((int?)forged.Socket.CloseStatus).ShouldBe(4401);

        await using var silent = await ConnectAsync();
        await silent.SendAsync(new { type = "subscribe", topics = new[] { "all" } });
        (await silent.NextAsync()).ShouldBeNull();
        ((int?)silent.Socket.CloseStatus).ShouldBe(4401);
    }

    [Fact]
    public async Task A_socket_closes_with_4401_when_its_token_expires()
    {
        var owner = await app.SignupAsync();
        var key = await app.Factory.Services.GetRequiredService<SigningKeyStore>().CurrentAsync(CancellationToken.None);
        var shortLived = TokenForge.Sign(new { alg = "ES256", kid = key.Kid },
            TokenForge.Claims(owner.TenantId, owner.UserId, expiresIn: TimeSpan.FromSeconds(1)), key.Key);
        await using var live = await ConnectAsync();
        await live.AuthAsync(shortLived);

        var closedBy = System.Diagnostics.Stopwatch.StartNew();
        JsonElement? frame;
        do
        {
            frame = await live.NextAsync(TimeSpan.FromSeconds(60));
        }
        while (frame is not null);

        ((int?)live.Socket.CloseStatus).ShouldBe(4401);
        closedBy.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(45), "the 30 s clock skew plus a moment, not the next heartbeat");
    }

    [Fact]
    public async Task A_foreign_origin_is_refused_before_the_upgrade()
    {
        var refused = await Should.ThrowAsync<Exception>(() => ConnectAsync(origin: "https://evil.example"));
        refused.Message.ShouldContain("403");
    }

    [Fact]
    public async Task Resuming_after_a_cursor_replays_exactly_what_came_after_it()
    {
        var owner = await app.SignupAsync();
        var start = await CurrentCursorAsync(owner.Client);
        var ids = new List<Guid>();
        for (var i = 0; i < 4; i++)
        {
            ids.Add(await CreateLeadAsync(owner.Client));
        }

        await Poller.UntilAsync(() => CurrentCursorAsync(owner.Client), c => c > start, because: "the stream advances");
        await using var live = await ConnectAsync($"?after={start}");
        await live.AuthAsync(owner.Tokens.AccessToken);
        var replayed = await live.EventsAsync(4, TimeSpan.FromSeconds(10), e => e.GetProperty("eventType").GetString() == "lead.created");
        replayed.Select(e => e.GetProperty("data").GetProperty("leadId").GetGuid()).ShouldBe(ids);
        replayed.First().GetProperty("cursor").GetInt64().ShouldBeGreaterThan(start);
    }

    [Fact]
    public async Task An_agent_sees_only_events_of_their_own_leads_and_another_tenant_sees_nothing()
    {
        var owner = await app.SignupAsync();
        var agent = await ApiClient.AddMemberAsync(owner, app.Factory.CreateClient, "agent");
        var stranger = await app.SignupAsync();
        var agentToken = agent.Client.DefaultRequestHeaders.Authorization!.Parameter!;
        await using var agentLive = await ConnectAsync();
        await agentLive.AuthAsync(agentToken);
        await agentLive.NextAsync();
        await using var strangerLive = await ConnectAsync();
        await strangerLive.AuthAsync(stranger.Tokens.AccessToken);
        await strangerLive.NextAsync();

        var mine = await CreateLeadAsync(owner.Client, "Mine", agent.UserId);
        var others = await CreateLeadAsync(owner.Client, "NotMine", owner.UserId);
        var marker = await CreateLeadAsync(owner.Client, "Marker", agent.UserId);

        var seen = await agentLive.EventsAsync(int.MaxValue, TimeSpan.FromSeconds(4));
        var leads = seen.Where(e => e.GetProperty("data").TryGetProperty("leadId", out _))
            .Select(e => e.GetProperty("data").GetProperty("leadId").GetGuid()).Distinct().ToList();
        leads.ShouldContain(mine);
        leads.ShouldContain(marker);
        leads.ShouldNotContain(others);
        (await strangerLive.EventsAsync(1, TimeSpan.FromSeconds(1))).ShouldBeEmpty();
    }

    internal static async Task<long> CurrentCursorAsync(HttpClient client)
    {
        var body = await client.GetFromJsonAsync<JsonElement>("/api/v1/live/events?wait=0");
        body.GetProperty("events").GetArrayLength().ShouldBe(0);
        return long.Parse(body.GetProperty("cursor").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
    }
}

internal static class UriExtensions
{
    public static Uri ToWs(this Uri uri) => new UriBuilder(uri) { Scheme = uri.Scheme == "https" ? "wss" : "ws" }.Uri;
}
