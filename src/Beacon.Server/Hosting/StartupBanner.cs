using Beacon.Contracts.Identity;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Beacon.Server.Hosting;

/// <summary>
/// For a person at a terminal (human-readable console): once Beacon listens, where to open it, whom to sign in as
/// and where its data lives. Written to stdout, not logged: it is an answer, not an event.
/// </summary>
internal sealed class StartupBanner(IServer server, IHostApplicationLifetime lifetime, IConfiguration configuration)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => Console.Out.Write(Text()));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    internal string Text()
    {
        var lines = new List<string> { "", "  Beacon is ready." };
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];
        var metricsPort = configuration.GetValue<int?>("Beacon:Telemetry:Prometheus:Port");
        var metrics = addresses.Where(a => metricsPort is not null && PortOf(a) == metricsPort).ToList();
        var app = addresses.Except(metrics).ToList();
        lines.AddRange(app.Select(a => $"    open      {a}"));
        if (configuration[EmbeddedDatabase.DataDirectoryKey] is { Length: > 0 } data)
        {
            lines.Add($"    data      {data}");
        }

        if (configuration.GetValue<bool>("Beacon:Demo:SeedOnStart"))
        {
            lines.Add($"    sign in to {DemoTenant.Name}, password {DemoTenant.Password}:");
            lines.AddRange(DemoTenant.Users.Select(u => $"      {u.Email,-30} {u.Role}"));
        }

        if (configuration.GetValue<bool>("Beacon:Telemetry:Prometheus:Enabled"))
        {
            // With a port of its own, /metrics answers only there (ADR 0011).
            lines.AddRange((metricsPort is null ? app : metrics).Take(1).Select(a => $"    metrics   {a.TrimEnd('/')}/metrics"));
        }

        lines.Add("");
        return string.Join(Environment.NewLine, lines) + Environment.NewLine;
    }

    private static int? PortOf(string address) => Uri.TryCreate(address, UriKind.Absolute, out var uri) ? uri.Port : null;
}
