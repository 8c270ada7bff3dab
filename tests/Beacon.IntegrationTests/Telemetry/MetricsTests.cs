using System.Net;
using System.Text.Json;
using Beacon.IntegrationTests.Scoring;
using Beacon.TestKit;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Telemetry;

public sealed class MetricsTests(MetricsServer server, BeaconApp app) : IClassFixture<MetricsServer>
{
    [Fact]
    public async Task Metrics_answer_prometheus_text_with_http_server_duration_by_route_and_beacon_meters()
    {
        var owner = await ApiClient.SignupAsync(server.CreateClient);
        (await owner.Client.GetAsync("/api/v1/me")).EnsureSuccessStatusCode();

        // The duration is recorded once the response is complete: the client may read it a moment before.
        var text = await ScrapeUntilAsync("http_server_request_duration_seconds_count{", "http_route=\"/api/v1/me\"");
        var response = await server.CreateClient().GetAsync("/metrics");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/plain");
        text.ShouldContain("# TYPE http_server_request_duration_seconds histogram");
        text.ShouldMatch("""(?m)^http_server_request_duration_seconds_count\{[^}]*http_route="/api/v1/me"[^}]*\} [1-9]""");
        text.ShouldContain("beacon_live_watchers");
    }

    [Fact]
    public async Task Metrics_carry_no_tenant_id_user_id_lead_id_or_email()
    {
        var owner = await ApiClient.SignupAsync(server.CreateClient);
        var lead = await ScoringApi.CreateLeadAsync(owner.Client, "referral", "0-3 months", "pre-approved");
        (await owner.Client.GetAsync($"/api/v1/leads/{lead}")).EnsureSuccessStatusCode();
        (await owner.Client.GetAsync($"/api/v1/leads/{lead}/score")).StatusCode.ShouldBeOneOf(HttpStatusCode.OK, HttpStatusCode.NotFound);

        var text = await ScrapeUntilAsync("http_server_request_duration_seconds_count{", "http_route=\"/api/v1/leads/{id:guid}\"");

        foreach (var value in new[] { owner.TenantId.ToString(), owner.UserId.ToString(), lead.ToString(), owner.Email })
        {
            text.ShouldNotContain(value, Case.Insensitive);
        }
    }

    [Fact]
    public async Task Database_pool_metrics_are_named_without_the_connection_string()
    {
        var text = await ScrapeUntilAsync("db_client_connection_count{");

        text.ShouldContain("db_client_connection_pool_name=\"beacon\"");
        text.ShouldNotContain("Username=", Case.Insensitive);
        text.ShouldNotContain("beacon_app");
    }

    [Fact]
    public async Task The_production_console_writes_each_request_as_one_json_line_with_route_status_and_trace()
    {
        (await server.CreateClient().GetAsync("/health/live")).EnsureSuccessStatusCode();

        var line = await Poller.UntilAsync(() => Task.FromResult(RequestLines().FirstOrDefault(l => l.GetProperty("State").GetProperty("Route").GetString() == "/health/live")),
            l => l.ValueKind == JsonValueKind.Object, because: "the request's line is written as it ends");
        var state = line.GetProperty("State");
        state.GetProperty("Method").GetString().ShouldBe("GET");
        state.GetProperty("StatusCode").GetInt32().ShouldBe(200);
        state.GetProperty("TraceId").GetString()!.ShouldMatch("^[0-9a-f]{32}$");
        state.TryGetProperty("ElapsedMs", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task Metrics_are_not_served_unless_enabled()
    {
        var response = await app.Anonymous().GetAsync("/metrics");

        (await response.Content.ReadAsStringAsync()).ShouldNotContain("# TYPE");
    }

    private IEnumerable<JsonElement> RequestLines() => server.Process.Output.Split('\n')
        .Where(l => l.StartsWith('{') && l.Contains("\"Beacon.Request\"", StringComparison.Ordinal))
        .Select(l => JsonDocument.Parse(l).RootElement);

    // A scrape's answer is cached for 300 ms (the exporter's default): ask until it includes what was just done.
    private Task<string> ScrapeUntilAsync(string metric, string? label = null) =>
        Poller.UntilAsync(() => server.CreateClient().GetStringAsync("/metrics"),
            t => t.Split('\n').Any(l => l.StartsWith(metric, StringComparison.Ordinal) && (label is null || l.Contains(label, StringComparison.Ordinal))),
            because: $"a scrape shows {metric} {label}");
}
