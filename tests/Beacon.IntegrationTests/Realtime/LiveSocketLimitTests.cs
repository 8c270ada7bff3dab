using System.Net.WebSockets;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Realtime;

/// <summary>The live socket's per-connection message limit (ADR 0005; issue 10: 2,000 burst messages were accepted).</summary>
public sealed class LiveSocketLimitTests(BeaconApp app)
{
    private async Task<LiveClient> ConnectAsync()
    {
        var client = app.Factory.Server.CreateWebSocketClient();
        return new LiveClient(await client.ConnectAsync(new Uri(app.Factory.Server.BaseAddress, "/api/v1/live").ToWs(), CancellationToken.None));
    }

    [Fact]
    public async Task A_socket_that_floods_messages_is_closed_with_policy_violation()
    {
        var owner = await app.SignupAsync();
        await using var live = await ConnectAsync();
        await live.AuthAsync(owner.Tokens.AccessToken);
        (await live.NextAsync())!.Value.GetProperty("type").GetString().ShouldBe("ready");

        try
        {
            for (var i = 0; i < 2_000 && live.Socket.State == WebSocketState.Open; i++)
            {
                await live.SendAsync(new { type = "pong" });
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
        {
            // The server may cut the connection while the flood is still being sent.
        }

        System.Text.Json.JsonElement? frame;
        do
        {
            frame = await live.NextAsync(TimeSpan.FromSeconds(10));
        }
        while (frame is not null);

        live.Socket.CloseStatus.ShouldBe(WebSocketCloseStatus.PolicyViolation);
        live.Socket.CloseStatusDescription.ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task A_socket_within_the_message_rate_stays_open()
    {
        var owner = await app.SignupAsync();
        await using var live = await ConnectAsync();
        await live.AuthAsync(owner.Tokens.AccessToken);
        (await live.NextAsync())!.Value.GetProperty("type").GetString().ShouldBe("ready");

        for (var i = 0; i < 20; i++)
        {
            await live.SendAsync(new { type = "subscribe", topics = new[] { "all" } });
        }

        var id = await LiveSocketTests.CreateLeadAsync(owner.Client);
        var created = await live.EventsAsync(1, TimeSpan.FromSeconds(10), e => e.GetProperty("eventType").GetString() == "lead.created");
        created.Single().GetProperty("data").GetProperty("leadId").GetGuid().ShouldBe(id);
    }
}
