using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using Beacon.IntegrationTests.Realtime;
using Beacon.TestKit;
using Microsoft.Extensions.Logging;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Platform;

/// <summary>What real Kestrel answers itself or sees on a real connection: problem details, and no error logs.</summary>
public sealed class FrameworkErrorTests(KestrelServer server) : IClassFixture<KestrelServer>
{
    private static async Task ShouldBeProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, body);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json", body);
        JsonDocument.Parse(body).RootElement.GetProperty("status").GetInt32().ShouldBe((int)status);
        response.Headers.Contains("Content-Security-Policy").ShouldBeTrue("framework answers carry the security headers too");
    }

    [Fact]
    public async Task A_request_target_over_the_limit_is_414_problem_details()
    {
        using var http = new HttpClient { BaseAddress = server.BaseAddress };

        var response = await http.GetAsync("/api/v1/leads?q=" + new string('a', 10_000));

        await ShouldBeProblemAsync(response, HttpStatusCode.RequestUriTooLong);
    }

    [Fact]
    public async Task Request_headers_over_the_limit_are_431_problem_details()
    {
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        request.Headers.Add("X-Padding", new string('h', 40_000));

        var response = await http.SendAsync(request);

        await ShouldBeProblemAsync(response, HttpStatusCode.RequestHeaderFieldsTooLarge);
    }

    [Fact]
    public async Task A_live_socket_dropped_before_authenticating_logs_no_error()
    {
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri(server.BaseAddress, "/api/v1/live").ToWs(), CancellationToken.None);

        socket.Abort();

        await Poller.UntilAsync(() => Task.FromResult(server.Logs.Any(e => e.Message.Contains("Request finished", StringComparison.Ordinal)
                && e.Message.Contains("/api/v1/live", StringComparison.Ordinal))),
            done => done, because: "the server finished with the dropped socket");
        server.Logs.Where(e => e.Level >= LogLevel.Error
                && (e.Category.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) || e.Category.StartsWith("Beacon.Realtime", StringComparison.Ordinal)))
            .Select(e => $"{e.Category}: {e.Message} {e.Exception}").ShouldBeEmpty();
    }
}
