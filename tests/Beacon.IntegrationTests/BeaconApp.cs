using Beacon.TestKit;
using Xunit;

[assembly: AssemblyFixture(typeof(Beacon.IntegrationTests.BeaconApp))]

namespace Beacon.IntegrationTests;

/// <summary>The run's database and one in-process server shared by every test (each test works in its own tenant).</summary>
public sealed class BeaconApp : IAsyncLifetime
{
    public TestDatabase Database { get; } = new();

    public BeaconFactory Factory { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        await Database.InitializeAsync();
        Factory = new BeaconFactory(Database);
        _ = Factory.Server;
    }

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Database.DisposeAsync();
    }

    public HttpClient Anonymous() => Factory.CreateClient();

    public Task<TenantSession> SignupAsync(string? brokerage = null) => ApiClient.SignupAsync(Factory.CreateClient, brokerage);
}
