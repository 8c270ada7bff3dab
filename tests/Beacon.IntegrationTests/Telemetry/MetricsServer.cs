using Beacon.TestKit;
using Xunit;

namespace Beacon.IntegrationTests.Telemetry;

/// <summary>
/// A real server process (a web node on the run's database) with <c>/metrics</c> on, as production would run it. A
/// process of its own because an in-process host's meter provider also hears same-named instruments of every other
/// test host, and loses a metric when any of those hosts is disposed.
/// </summary>
public sealed class MetricsServer(BeaconApp app) : IAsyncLifetime
{
    public ServerProcess Process { get; private set; } = null!;

    public HttpClient CreateClient() => new() { BaseAddress = Process.BaseAddress };

    public async ValueTask InitializeAsync() => Process = await ServerProcess.StartAsync(new Dictionary<string, string?>
    {
        ["ConnectionStrings:Beacon"] = app.Database.AppConnectionString,
        ["Beacon:Auth:KeyEncryptionKey"] = app.Database.KeyEncryptionKey,
        ["Beacon:Role"] = "web",
        ["Beacon:RateLimits:AuthPerMinute"] = "100000",
        ["Beacon:RateLimits:Rest:PerPrincipal"] = "6000000",
        ["Beacon:RateLimits:Rest:PerTenant"] = "6000000",
        ["Beacon:Telemetry:Prometheus:Enabled"] = "true",
        ["Logging:LogLevel:Default"] = "Warning",
        ["Logging:LogLevel:Beacon.Request"] = "Information",
    });

    public async ValueTask DisposeAsync()
    {
        if (Process is not null)
        {
            await Process.DisposeAsync();
        }
    }
}
