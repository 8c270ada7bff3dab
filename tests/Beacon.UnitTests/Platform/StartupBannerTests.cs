using Beacon.Server.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Shouldly;
using Xunit;

namespace Beacon.UnitTests.Platform;

public sealed class StartupBannerTests
{
    [Fact]
    public void With_a_metrics_port_the_banner_offers_the_app_on_the_other_address_and_metrics_only_on_that_port()
    {
        var banner = Banner(["http://127.0.0.1:5080", "http://127.0.0.1:9464"], new()
        {
            ["Beacon:Telemetry:Prometheus:Enabled"] = "true",
            ["Beacon:Telemetry:Prometheus:Port"] = "9464",
        });

        banner.ShouldContain("open      http://127.0.0.1:5080");
        banner.ShouldNotContain("open      http://127.0.0.1:9464");
        banner.ShouldContain("metrics   http://127.0.0.1:9464/metrics");
    }

    [Fact]
    public void Without_the_demo_seed_or_an_embedded_database_the_banner_names_no_accounts_and_no_data_folder()
    {
        var banner = Banner(["http://127.0.0.1:5080"], []);

        banner.ShouldContain("open      http://127.0.0.1:5080");
        banner.ShouldNotContain("@demo.beacon.local");
        banner.ShouldNotContain("data ");
        banner.ShouldNotContain("metrics");
    }

    private static string Banner(string[] addresses, Dictionary<string, string?> settings)
    {
        var server = new AddressesOnly();
        foreach (var address in addresses)
        {
            server.Features.Get<IServerAddressesFeature>()!.Addresses.Add(address);
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new StartupBanner(server, new ApplicationLifetime(), configuration).Text();
    }

    private sealed class ApplicationLifetime : IHostApplicationLifetime
    {
        public CancellationToken ApplicationStarted => CancellationToken.None;

        public CancellationToken ApplicationStopping => CancellationToken.None;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void StopApplication()
        {
        }
    }

    /// <summary>What the banner reads of a server: the addresses it listens on (ASP.NET Core's own feature type).</summary>
    private sealed class AddressesOnly : IServer
    {
        public IFeatureCollection Features { get; } = new FeatureCollection();

        public AddressesOnly() => Features.Set<IServerAddressesFeature>(new ServerAddressesFeature());

        public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
            where TContext : notnull => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public void Dispose()
        {
        }
    }
}
