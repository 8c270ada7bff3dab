using Beacon.TestKit;
using Beacon.TestKit.Sandbox;
using Xunit;

namespace Beacon.IntegrationTests.Payments;

[CollectionDefinition(Name)]
public sealed class PaymentsCollection : ICollectionFixture<PaymentsFixture>
{
    public const string Name = "Payments against the sandbox gateway";
}

/// <summary>
/// A database of its own (the shared server has no gateway: its workers must not take our collection jobs) and the
/// sandbox as a real process. Each test starts its own server on that database with the dunning schedule it needs.
/// </summary>
public sealed class PaymentsFixture : IAsyncLifetime
{
    public const string WebhookSecret = "whsec_beacon_tests";

    private SandboxProcess? _sandbox;

    public TestDatabase Database { get; } = new();

    public HttpClient Sandbox { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        await Database.InitializeAsync();
        _sandbox = await SandboxProcess.StartAsync();
        Sandbox = new HttpClient { BaseAddress = _sandbox.BaseAddress };
        Sandbox.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Bearer sk_test_sandbox");
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

    /// <summary>Beacon pointed at the sandbox; retries a few hundred milliseconds apart unless a test says otherwise.</summary>
    public Dictionary<string, string?> Settings(string retrySchedule = "00:00:00.200,00:00:00.200,00:00:00.200",
        IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var s = new Dictionary<string, string?>
        {
            ["Beacon:Payments:BaseUrl"] = _sandbox!.BaseAddress.ToString(),
            ["Beacon:Payments:ApiKey"] = "sk_test_sandbox",
            ["Beacon:Payments:WebhookSecret"] = WebhookSecret,
            ["Beacon:Payments:Timeout"] = "00:00:05",
        };
        var steps = retrySchedule.Split(',', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < steps.Length; i++)
        {
            s[$"Beacon:Payments:RetrySchedule:{i}"] = steps[i];
        }

        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            s[key] = value;
        }

        return s;
    }
}
