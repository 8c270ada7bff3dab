using System.Net;
using System.Net.Http.Json;
using Beacon.TestKit;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Platform;

/// <summary>A server of its own with a low per-address limit on sign-in: 429 problem details with Retry-After.</summary>
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
}
