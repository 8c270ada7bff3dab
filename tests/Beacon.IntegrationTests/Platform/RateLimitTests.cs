using System.Net;
using System.Net.Http.Json;
using Beacon.TestKit;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Platform;

/// <summary>A server of its own with low limits: the limiter answers 429 problem details with Retry-After.</summary>
public sealed class RateLimitTests(BeaconApp app)
{
    [Fact]
    public async Task Auth_calls_beyond_the_per_address_budget_get_429_with_retry_after()
    {
        await using var strict = new BeaconFactory(app.Database, new Dictionary<string, string?> { ["Beacon:RateLimits:AuthPerMinute"] = "3" });
        var client = strict.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            var response = await client.PostAsJsonAsync("/api/v1/auth/login", new { email = "nobody@example.test", password = "whatever-12345" });
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                response.Headers.RetryAfter.ShouldNotBeNull();
                response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
            }
        }

        statuses.Take(3).ShouldAllBe(s => s == HttpStatusCode.Unauthorized);
        statuses.Skip(3).ShouldAllBe(s => s == HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Api_calls_beyond_a_principals_budget_get_429_while_another_principal_is_unaffected()
    {
        await using var strict = new BeaconFactory(app.Database, new Dictionary<string, string?> { ["Beacon:RateLimits:ApiPerSecond"] = "1" });
        var first = await ApiClient.SignupAsync(strict.CreateClient);
        var second = await ApiClient.SignupAsync(strict.CreateClient);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 15; i++)
        {
            statuses.Add((await first.Client.GetAsync("/api/v1/teams")).StatusCode);
        }

        statuses.ShouldContain(HttpStatusCode.TooManyRequests);
        (await second.Client.GetAsync("/api/v1/teams")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
