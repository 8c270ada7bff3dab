using Beacon.TestKit;
using Xunit;

namespace Beacon.IntegrationTests.Webhooks;

/// <summary>
/// A web node (no workers to take other tests' deliveries) on the run's database with private webhook targets refused,
/// as in production; the shared test server allows them so its tests can use a local receiver.
/// </summary>
public sealed class ProductionWebServer(BeaconApp app) : IAsyncLifetime
{
    private BeaconFactory? _factory;

    public Task<TenantSession> SignupAsync() => ApiClient.SignupAsync(_factory!.CreateClient);

    public ValueTask InitializeAsync()
    {
        _factory = new BeaconFactory(app.Database, new Dictionary<string, string?>
        {
            ["Beacon:Role"] = "web",
            ["Beacon:Webhooks:AllowPrivateTargets"] = "false",
        });
        _ = _factory.Server;
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }
}
