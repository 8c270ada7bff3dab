using Beacon.Server.Hosting;
using Beacon.TestKit;
using Xunit;

namespace Beacon.IntegrationTests.Scoring;

/// <summary>
/// A database of its own with Demo Realty seeded as <c>./beacon seed --leads 2000</c> seeds it (the shared server's
/// demo tenant is seeded with other sizes by other tests). A web-only node: no worker scores the demo leads, so they
/// stay unscored, as they are in the seconds after a first start.
/// </summary>
public sealed class DemoSeedFixture : IAsyncLifetime
{
    public TestDatabase Database { get; } = new();

    public BeaconFactory Factory { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        await Database.InitializeAsync();
        Factory = new BeaconFactory(Database, new Dictionary<string, string?> { ["leads"] = "2000", ["Beacon:Role"] = "web" });
        await SeedAsync();
    }

    /// <summary>What <c>./beacon seed</c> runs after migrating: every module's demo seeder, in order.</summary>
    public Task SeedAsync() => StartupTasks.SeedAsync(Factory.Services, CancellationToken.None);

    public async Task<HttpClient> OwnerAsync()
    {
        var tokens = await ApiClient.LoginAsync(Factory.CreateClient(), "owner@demo.beacon.local", "beacon-demo");
        return Factory.CreateClient().WithBearer(tokens.AccessToken);
    }

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Database.DisposeAsync();
    }
}
