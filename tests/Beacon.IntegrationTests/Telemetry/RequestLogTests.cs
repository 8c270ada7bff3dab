using System.Net;
using Beacon.TestKit;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Telemetry;

public sealed class RequestLogTests(RequestLogServer server) : IClassFixture<RequestLogServer>
{
    [Fact]
    public async Task A_request_writes_one_line_with_method_route_template_status_and_trace_id_but_no_ids_or_token()
    {
        var owner = await server.SignupAsync();
        var lead = Guid.NewGuid();

        var response = await owner.Client.GetAsync($"/api/v1/leads/{lead}?email={Uri.EscapeDataString(owner.Email)}");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var line = await Poller.UntilAsync(() => Task.FromResult(Lines().SingleOrDefault(l => l.Contains("/api/v1/leads/{id:guid}", StringComparison.Ordinal))),
            l => l is not null, because: "the request's line is written when it ends");
        line!.ShouldMatch(@"^GET /api/v1/leads/\{id:guid\} 404 in \d+\.\d ms \(trace [0-9a-f]{32}\)$");
        foreach (var secret in new[] { lead.ToString(), owner.Email, owner.TenantId.ToString(), owner.Tokens.AccessToken })
        {
            Lines().ShouldAllBe(l => !l.Contains(secret, StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public async Task A_request_refused_before_routing_is_logged_with_its_status()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
        for (var i = 0; i < 120; i++)
        {
            request.Headers.Add($"X-Filler-{i}", "x");
        }

        var response = await server.CreateClient().SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.RequestHeaderFieldsTooLarge);
        (await Poller.UntilAsync(() => Task.FromResult(Lines().Count(l => l.StartsWith("GET - 431 ", StringComparison.Ordinal))),
            n => n > 0, because: "limits answer before routing; the line still says what was answered")).ShouldBe(1);
    }

    private List<string> Lines() =>
        [.. server.Logs.Where(e => e.Category == "Beacon.Request").Select(e => e.Message)];
}
