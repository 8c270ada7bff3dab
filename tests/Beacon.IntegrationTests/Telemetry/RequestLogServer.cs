using System.Collections.Concurrent;
using Beacon.IntegrationTests.Platform;
using Beacon.TestKit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Beacon.IntegrationTests.Telemetry;

/// <summary>
/// The real server in-process with request lines at Information, its log entries kept for the tests (on the run's
/// database; a web node, so no worker's entries mix in).
/// </summary>
public sealed class RequestLogServer(BeaconApp app) : IAsyncLifetime
{
    private Func<HttpClient> _createClient = null!;
    private Func<ValueTask>? _stop;

    public ConcurrentQueue<LogEntry> Logs { get; } = new();

    public HttpClient CreateClient() => _createClient();

    public Task<TenantSession> SignupAsync() => ApiClient.SignupAsync(_createClient);

    public ValueTask InitializeAsync()
    {
        var factory = new BeaconFactory(app.Database, new Dictionary<string, string?>
        {
            ["Beacon:Role"] = "web",
            ["Logging:LogLevel:Beacon.Request"] = "Information",
        }).WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<ILoggerProvider>(new CapturingLoggerProvider(Logs))));
        _stop = factory.DisposeAsync;
        _createClient = factory.CreateClient;
        _ = factory.Server;
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (_stop is not null)
        {
            await _stop();
        }
    }
}
