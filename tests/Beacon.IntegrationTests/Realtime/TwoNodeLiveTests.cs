using System.Net.WebSockets;
using Beacon.TestKit;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Realtime;

/// <summary>Two real server processes on one database: clients of both receive every event, once, in order.</summary>
public sealed class TwoNodeLiveTests(BeaconApp app)
{
    [Fact]
    public async Task Clients_of_both_processes_receive_every_event()
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Beacon"] = app.Database.AppConnectionString,
            ["Beacon:Auth:KeyEncryptionKey"] = app.Database.KeyEncryptionKey,
            ["Beacon:RateLimits:Rest:PerPrincipal"] = "600000",
            ["Beacon:RateLimits:Rest:PerTenant"] = "600000",
            ["Beacon:RateLimits:AuthPerMinute"] = "10000",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in BeaconFactory.QueueSettings)
        {
            settings.TryAdd(key, value);
        }

        await using var first = await ServerProcess.StartAsync(settings);
        await using var second = await ServerProcess.StartAsync(settings);
        using var http = new HttpClient { BaseAddress = first.BaseAddress };
        var owner = await ApiClient.SignupAsync(() => new HttpClient { BaseAddress = first.BaseAddress });

        await using var onFirst = await ConnectAsync(first.BaseAddress, owner.Tokens.AccessToken);
        await using var onSecond = await ConnectAsync(second.BaseAddress, owner.Tokens.AccessToken);
        var ids = new List<Guid>();
        for (var i = 0; i < 10; i++)
        {
            ids.Add(await LiveSocketTests.CreateLeadAsync(owner.Client));
        }

        foreach (var client in new[] { onFirst, onSecond })
        {
            var created = await client.EventsAsync(10, TimeSpan.FromSeconds(20), e => e.GetProperty("eventType").GetString() == "lead.created");
            created.Select(e => e.GetProperty("data").GetProperty("leadId").GetGuid()).ShouldBe(ids);
        }
    }

    private static async Task<LiveClient> ConnectAsync(Uri server, string token)
    {
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri(server, "/api/v1/live").ToWs(), CancellationToken.None);
        var client = new LiveClient(socket);
        await client.AuthAsync(token);
        (await client.NextAsync())!.Value.GetProperty("type").GetString().ShouldBe("ready");
        return client;
    }
}
