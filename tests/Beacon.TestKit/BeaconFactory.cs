using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Beacon.TestKit;

/// <summary>
/// The real server in-process (real pipeline, real PostgreSQL, real tokens). Rate limits and the per-address sign-in lock-out
/// are raised so parallel tests from one address do not trip them, retries are fast, and e-mail goes to the run's
/// <see cref="SmtpSink.Shared"/> (signing up needs its confirmation link); pass <paramref name="settings"/> to change more.
/// </summary>
public sealed class BeaconFactory(TestDatabase database, IReadOnlyDictionary<string, string?>? settings = null)
    : WebApplicationFactory<Program>
{
    public TestDatabase Database { get; } = database;

    /// <summary>
    /// The queue settings of every server a test starts on the shared database: any of them may take any job, so a
    /// test that counts attempts must not depend on which one did.
    /// </summary>
    public static IReadOnlyDictionary<string, string?> QueueSettings { get; } = new Dictionary<string, string?>
    {
        ["Beacon:Jobs:RetryBaseDelay"] = "00:00:00.050",
        ["Beacon:Jobs:RetryMaxDelay"] = "00:00:00.200",
        ["Beacon:Jobs:PollInterval"] = "00:00:00.200",
        ["Beacon:Jobs:MaxAttempts"] = "3",
        // Webhook retries within a test's patience; disabling after 4 failures in a row, while a delivery has 6 tries.
        ["Beacon:Webhooks:RetryBaseDelay"] = "00:00:00.050",
        ["Beacon:Webhooks:RetryMaxDelay"] = "00:00:00.200",
        ["Beacon:Webhooks:MaxAttempts"] = "6",
        ["Beacon:Webhooks:DisableAfterConsecutiveFailures"] = "4",
        ["Beacon:Webhooks:Timeout"] = "00:00:01.500",
        ["Beacon:Workflows:Webhook:RetryBaseDelay"] = "00:00:00.050",
        ["Beacon:Workflows:Webhook:RetryMaxDelay"] = "00:00:00.200",
        ["Beacon:Workflows:Webhook:Timeout"] = "00:00:01.500",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Problem details of unexpected errors carry the exception in Development: what a failing test wants to show.
        builder.UseEnvironment("Development");
        var defaults = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Beacon"] = Database.AppConnectionString,
            ["ConnectionStrings:BeaconAdmin"] = Database.AdminConnectionString,
            ["Beacon:Auth:KeyEncryptionKey"] = Database.KeyEncryptionKey,
            ["Beacon:RateLimits:AuthPerMinute"] = "100000",
            ["Beacon:RateLimits:Rest:PerPrincipal"] = "10000000",
            ["Beacon:RateLimits:Rest:PerTenant"] = "10000000",
            ["Beacon:Auth:AddressLockoutThreshold"] = "100000",
            // The suite hashes a password at every signup, invitation and sign-in: a profiled run spent 145 s in PBKDF2
            // at OWASP's 210,000 iterations (~107 ms a hash). Allowed in Development only (PasswordIterationsFloor).
            ["Beacon:Auth:PasswordIterations"] = "1000",
            // Single sign-on tests sign in through the sandbox's identity provider on 127.0.0.1 over plain HTTP.
            ["Beacon:Sso:AllowLoopbackProviders"] = "true",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in QueueSettings)
        {
            defaults[key] = value;
        }

        foreach (var (key, value) in SmtpSink.Shared.Settings.Concat(RedisServer.Shared.Settings).Concat(settings ?? new Dictionary<string, string?>()))
        {
            defaults[key] = value;
        }

        foreach (var (key, value) in defaults)
        {
            builder.UseSetting(key, value);
        }
    }
}
