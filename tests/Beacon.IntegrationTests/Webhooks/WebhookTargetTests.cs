using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Beacon.TestKit;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Webhooks;

/// <summary>SSRF: in production a subscription may not point into our network, whatever the spelling.</summary>
public sealed class WebhookTargetTests(ProductionWebServer server) : IClassFixture<ProductionWebServer>
{
    public static TheoryData<string> Refused => new()
    {
        "http://127.0.0.1/hook",                 // loopback
        "http://localhost:8080/hook",            // a name for loopback
        "http://[::1]/hook",                     // IPv6 loopback
        "http://[::ffff:127.0.0.1]/hook",        // loopback in IPv4-mapped IPv6
        "http://10.1.2.3/hook",                  // private
        "http://172.16.5.4/hook",                // private
        "http://192.168.1.10/hook",              // private
        "http://169.254.169.254/latest/meta-data", // cloud metadata (link-local)
        "http://[fe80::1]/hook",                 // IPv6 link-local
        "http://[fd12:3456::1]/hook",            // IPv6 unique local
        "http://100.64.0.7/hook",                // carrier-grade NAT
        "http://224.0.0.251/hook",               // multicast
        "http://0.0.0.0/hook",                   // "this host"
        "http://2130706433/hook",                // 127.0.0.1 as one decimal number
        "ftp://93.184.215.14/hook",              // not http(s)
        "file:///etc/passwd",                    // not http(s)
        "https://user:pass@93.184.215.14/hook",  // credentials in the URL
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_url_into_a_forbidden_range_is_refused_with_400_naming_url(string url)
    {
        var owner = await server.SignupAsync();

        var response = await owner.Client.PostAsJsonAsync("/api/v1/webhooks", new { url, eventTypes = new[] { "lead.created" } });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, url);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ApiClient.Json);
        problem.GetProperty("errors").TryGetProperty("url", out _).ShouldBeTrue(problem.ToString());
        (await owner.Client.GetFromJsonAsync<JsonElement>("/api/v1/webhooks", ApiClient.Json)).GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task A_public_url_is_accepted_and_a_change_to_a_private_one_is_refused()
    {
        var owner = await server.SignupAsync();
        var (id, _) = await WebhooksApi.SubscribeAsync(owner.Client, "https://93.184.215.14/beacon/hooks", "lead.created");

        var change = await owner.Client.PatchAsJsonAsync($"/api/v1/webhooks/{id}", new { url = "http://192.168.0.1/hook" });

        change.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await WebhooksApi.GetAsync(owner.Client, $"/api/v1/webhooks/{id}")).GetProperty("url").GetString()
            .ShouldBe("https://93.184.215.14/beacon/hooks");
    }
}
