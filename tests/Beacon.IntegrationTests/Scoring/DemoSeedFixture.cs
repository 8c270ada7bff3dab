using Beacon.Server.Hosting;
using Beacon.TestKit;
using Xunit;

namespace Beacon.IntegrationTests.Scoring;

/// <summary>The tests that read Demo Realty share one seeding of it (a 10,000-lead seed trains a model: seconds of CPU).</summary>
[CollectionDefinition(Name)]
public sealed class DemoSeedCollection : ICollectionFixture<DemoSeedFixture>
{
    public const string Name = "demo seed";
}

/// <summary>
/// A database of its own with Demo Realty seeded as <c>./beacon seed --leads 10000</c> seeds it. A web-only node: no
/// worker scores or enriches the demo leads, so they stay unscored, as they are in the seconds after a first start,
/// and the shared server is not loaded with scoring and enriching 10,000 leads while other tests run.
/// </summary>
public sealed class DemoSeedFixture : IAsyncLifetime
{
    public TestDatabase Database { get; } = new();

    public BeaconFactory Factory { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        await Database.InitializeAsync();
        Factory = new BeaconFactory(Database, new Dictionary<string, string?> { ["leads"] = "10000", ["Beacon:Role"] = "web" });
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
