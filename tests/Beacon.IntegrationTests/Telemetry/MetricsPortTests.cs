using System.Net;
using Beacon.TestKit;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Telemetry;

public sealed class MetricsPortTests(BeaconApp app)
{
    [Fact]
    public async Task With_a_metrics_port_configured_metrics_are_refused_on_any_other_port_even_with_a_forged_host()
    {
        await using var factory = new BeaconFactory(app.Database, new Dictionary<string, string?>
        {
            ["Beacon:Role"] = "web",
            ["Beacon:Telemetry:Prometheus:Enabled"] = "true",
            ["Beacon:Telemetry:Prometheus:Port"] = "9464",
        });
        var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Host = "localhost:9464";

        var response = await factory.CreateClient().SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).ShouldNotContain("# TYPE");
    }

    [Fact]
    public async Task A_metrics_port_out_of_range_stops_the_start_naming_the_setting()
    {
        await using var factory = new BeaconFactory(app.Database, new Dictionary<string, string?>
        {
            ["Beacon:Telemetry:Prometheus:Port"] = "70000",
        });

        var error = Should.Throw<Exception>(() => factory.Server);

        error.ToString().ShouldContain("Port");
    }
}
