using System.Net.Http.Json;
using Beacon.IntegrationTests.Platform;
using Beacon.TestKit;
using Microsoft.AspNetCore.Http.Features;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Audit;

/// <summary>On real Kestrel (the in-memory server has no connection address): entries carry the client's address.</summary>
public sealed class AuditAddressTests(KestrelServer kestrel, BeaconApp app) : IClassFixture<KestrelServer>
{
    [Fact]
    public async Task An_entry_records_the_address_the_change_came_from()
    {
        var owner = await ApiClient.SignupAsync(() => new HttpClient { BaseAddress = kestrel.BaseAddress });
        await (await owner.Client.PostAsJsonAsync("/api/v1/teams", new { name = "Listing team" })).EnsureSuccessAsync();

        var entry = (await AuditApi.EntriesAsync(owner.Client, "action=CreateTeam")).ShouldHaveSingleItem();

        entry.GetProperty("clientAddress").GetString().ShouldBe("127.0.0.1");
        entry.GetProperty("requestId").GetString().ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task Behind_a_known_proxy_the_entry_records_the_forwarded_client_and_a_header_from_anyone_else_is_ignored()
    {
        await using var factory = new BeaconFactory(app.Database, new Dictionary<string, string?>
        {
            ["Beacon:Role"] = "web",
            ["Beacon:Http:ForwardedHeaders:KnownProxies:0"] = "10.0.0.5",
        });
        var owner = await ApiClient.SignupAsync(factory.CreateClient);

        await CreateTeamFromAsync(factory, owner, "10.0.0.5", "Through the balancer");
        await CreateTeamFromAsync(factory, owner, "10.0.0.9", "Claims another address");

        var entries = await AuditApi.EntriesAsync(owner.Client, "action=CreateTeam");
        string? AddressOf(string team) => entries.Single(e => e.GetProperty("payload").ToString().Contains(team, StringComparison.Ordinal))
            .GetProperty("clientAddress").GetString();
        AddressOf("Through the balancer").ShouldBe("203.0.113.7", "the known proxy's X-Forwarded-For is the client");
        AddressOf("Claims another address").ShouldBe("10.0.0.9", "an unknown hop cannot choose the address it is audited under");
    }

    private static async Task CreateTeamFromAsync(BeaconFactory factory, TenantSession owner, string hop, string team)
    {
        var context = await factory.Server.SendAsync(c =>
        {
            c.Connection.RemoteIpAddress = System.Net.IPAddress.Parse(hop);
            c.Request.Method = "POST";
            c.Request.Path = "/api/v1/teams";
            c.Request.Headers.Authorization = "Bearer " + owner.Tokens.AccessToken;
            c.Request.Headers["X-Forwarded-For"] = "203.0.113.7";
            c.Request.ContentType = "application/json";
            var body = System.Text.Encoding.UTF8.GetBytes($"{{\"name\":\"{team}\"}}");
            c.Request.ContentLength = body.Length;
            c.Request.Body = new MemoryStream(body);
            c.Features.Set<IHttpRequestBodyDetectionFeature>(new HasBody());
        });
        context.Response.StatusCode.ShouldBe(201, await new StreamReader(context.Response.Body).ReadToEndAsync());
    }

    /// <summary>The in-memory server decides "no body" before the test hands it one.</summary>
    private sealed class HasBody : IHttpRequestBodyDetectionFeature
    {
        public bool CanHaveBody => true;
    }
}
