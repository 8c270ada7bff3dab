using Beacon.TestKit;
using Beacon.TestKit.Sandbox;
using Xunit;

namespace Beacon.IntegrationTests.Pipeline;

[CollectionDefinition(Name)]
public sealed class PipelineCollection : ICollectionFixture<PipelineFixture>
{
    public const string Name = "Import pipeline on a database of its own";
}

/// <summary>
/// A database of its own, so that only the servers these tests start (with their own lane settings) take its jobs,
/// and the sandbox providers as a real process for enrichment.
/// </summary>
public sealed class PipelineFixture : IAsyncLifetime
{
    private SandboxProcess? _sandbox;

    public TestDatabase Database { get; } = new();

    public async ValueTask InitializeAsync()
    {
        await Database.InitializeAsync();
        _sandbox = await SandboxProcess.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_sandbox is not null)
        {
            await _sandbox.DisposeAsync();
        }

        await Database.DisposeAsync();
    }

    /// <summary>A server on this database; the person provider is the sandbox, chunks are small so an import spans several.</summary>
    public BeaconFactory Server(IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Beacon:Enrichment:Person:BaseUrl"] = _sandbox!.BaseAddress.ToString(),
            ["Beacon:Enrichment:Person:ApiKey"] = "sandbox-person-key",
            ["Beacon:Enrichment:BulkLeadsPerSecond"] = "100000",
            ["Beacon:Scoring:BulkChunkSize"] = "100",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return new BeaconFactory(Database, settings);
    }
}
