using System.Net.Http.Json;
using Beacon.TestKit;
using Beacon.TestKit.Sandbox;
using Xunit;

namespace Beacon.IntegrationTests.Enrichment;

[CollectionDefinition(Name)]
public sealed class EnrichmentCollection : ICollectionFixture<EnrichmentFixture>
{
    public const string Name = "Enrichment against the sandbox";
}

/// <summary>
/// A database of its own (so no other in-process server's workers take our jobs) and the sandbox providers as a
/// real process. Each test starts its own server on that database (fresh breakers, its own settings) and resets
/// the sandbox's knobs and counters.
/// </summary>
public sealed class EnrichmentFixture : IAsyncLifetime
{
    private SandboxProcess? _sandbox;

    public TestDatabase Database { get; } = new();

    public Uri SandboxAddress => _sandbox!.BaseAddress;

    public HttpClient Sandbox { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        await Database.InitializeAsync();
        _sandbox = await SandboxProcess.StartAsync();
        Sandbox = new HttpClient { BaseAddress = _sandbox.BaseAddress };
    }

    public async ValueTask DisposeAsync()
    {
        Sandbox.Dispose();
        if (_sandbox is not null)
        {
            await _sandbox.DisposeAsync();
        }

        await Database.DisposeAsync();
    }

    /// <summary>The server settings that point Beacon at the sandbox, with fast retries for tests.</summary>
    public Dictionary<string, string?> Settings(IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var url = SandboxAddress.ToString();
        var s = new Dictionary<string, string?>
        {
            ["Beacon:Enrichment:Property:BaseUrl"] = url,
            ["Beacon:Enrichment:Property:ApiKey"] = "sandbox-property-key",
            ["Beacon:Enrichment:Person:BaseUrl"] = url,
            ["Beacon:Enrichment:Person:ApiKey"] = "sandbox-person-key",
            ["Beacon:Enrichment:Credit:BaseUrl"] = url,
            ["Beacon:Enrichment:Credit:ApiKey"] = "sandbox-credit-token",
            ["Beacon:Enrichment:Lease"] = "00:00:20",
            ["Beacon:Jobs:MaxAttempts"] = "5",
        };
        foreach (var provider in new[] { "Property", "Person", "Credit" })
        {
            s[$"Beacon:Enrichment:{provider}:Timeout"] = "00:00:01";
            s[$"Beacon:Enrichment:{provider}:RetryBaseDelay"] = "00:00:00.200";
            s[$"Beacon:Enrichment:{provider}:RetryMaxDelay"] = "00:00:01";
            s[$"Beacon:Enrichment:{provider}:MaxAttempts"] = "20";
        }

        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            s[key] = value;
        }

        return s;
    }

    public async Task ResetSandboxAsync() => (await Sandbox.PostAsync("/_sandbox/reset", null)).EnsureSuccessStatusCode();

    public async Task KnobsAsync(string provider, object knobs) =>
        (await Sandbox.PostAsJsonAsync($"/_sandbox/knobs/{provider}", knobs)).EnsureSuccessStatusCode();
}
