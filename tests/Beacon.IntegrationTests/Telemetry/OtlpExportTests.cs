using Beacon.TestKit;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Telemetry;

public sealed class OtlpExportTests(BeaconApp app)
{
    [Fact]
    public async Task With_an_otlp_endpoint_configured_traces_and_metrics_are_exported_to_it()
    {
        await using var collector = await OtlpCollector.StartAsync();
        await using var factory = new BeaconFactory(app.Database, new Dictionary<string, string?>
        {
            ["Beacon:Role"] = "web",
            ["Beacon:Telemetry:Otlp:Endpoint"] = collector.BaseAddress.ToString().TrimEnd('/'),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            // Export promptly (defaults: spans every 5 s, metrics every 60 s).
            ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "200",
        });
        var owner = await ApiClient.SignupAsync(factory.CreateClient);

        var exports = await Poller.UntilAsync(async () =>
            {
                (await owner.Client.GetAsync("/api/v1/me")).EnsureSuccessStatusCode();
                return collector.Exports.Distinct().ToHashSet();
            },
            e => e.Contains("traces") && e.Contains("metrics"), because: "both signals reach the collector");

        exports.ShouldNotContain("logs", "logs stay on the console");
    }
}
