using System.Collections.Concurrent;
using Beacon.TestKit;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Beacon.IntegrationTests.Platform;

/// <summary>
/// The real server on real Kestrel (on the run's database) for what the in-memory test server cannot show: Kestrel's
/// own limits and real connection drops. Every log entry at Information and above is kept for the tests to read.
/// </summary>
public sealed class KestrelServer(BeaconApp app) : IAsyncLifetime
{
    private Func<ValueTask>? _stop;

    public ConcurrentQueue<LogEntry> Logs { get; } = new();

    public Uri BaseAddress { get; private set; } = null!;

    public ValueTask InitializeAsync()
    {
        var factory = new BeaconFactory(app.Database, new Dictionary<string, string?>
        {
            // A web node: no workers taking other tests' jobs (and logging their failures) here.
            ["Beacon:Role"] = "web",
            // A free port: appsettings.json's Urls (5080, ./beacon run's) would otherwise win over UseKestrel(0).
            ["Urls"] = "http://127.0.0.1:0",
            // Request-finished lines tell a test that the server is done with a connection.
            ["Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information",
        }).WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<ILoggerProvider>(new CapturingLoggerProvider(Logs))));
        _stop = factory.DisposeAsync;
        factory.UseKestrel(0);
        factory.StartServer();
        var addresses = factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>();
        BaseAddress = new Uri(addresses.Addresses.First());
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

public sealed record LogEntry(LogLevel Level, string Category, string Message, Exception? Exception);

internal sealed class CapturingLoggerProvider(ConcurrentQueue<LogEntry> entries) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, entries);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<LogEntry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            entries.Enqueue(new LogEntry(logLevel, category, formatter(state, exception), exception));
    }
}
