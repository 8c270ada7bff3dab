using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Beacon.TestKit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Identity;

/// <summary>
/// Failed sign-ins lock an (account, address) pair and, past a higher ceiling, an address; failures from other
/// addresses never refuse the right password, they only slow the account down and raise a warning.
/// </summary>
public sealed class LoginThrottleTests(BeaconApp app)
{
    private static HttpClient From<TEntry>(WebApplicationFactory<TEntry> factory, string address)
        where TEntry : class =>
        new(factory.Server.CreateHandler(c => c.Connection.RemoteIpAddress = IPAddress.Parse(address)))
        {
            BaseAddress = factory.Server.BaseAddress,
        };

    private static Task<HttpResponseMessage> LoginAsync(HttpClient client, string email, string password) =>
        client.PostAsJsonAsync("/api/v1/auth/login", new { email, password });

    private static string Address() => $"198.51.100.{Random.Shared.Next(1, 255)}";

    [Fact]
    public async Task Failures_from_one_address_lock_that_address_out_of_the_account_but_never_the_right_password_elsewhere()
    {
        var session = await app.SignupAsync();
        var attacker = From(app.Factory, "203.0.113.7");
        var unknownEmail = $"nobody-{Guid.NewGuid():N}@example.test";
        var statuses = new List<HttpStatusCode>();
        var unknownStatuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            statuses.Add((await LoginAsync(attacker, session.Email, "wrong-password-1")).StatusCode);
            unknownStatuses.Add((await LoginAsync(attacker, unknownEmail, "wrong-password-1")).StatusCode);
        }

        statuses.ShouldBe([.. Enumerable.Repeat(HttpStatusCode.Unauthorized, 4), HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests]);
        unknownStatuses.ShouldBe(statuses, "an unknown account answers exactly like a known one");
        (await LoginAsync(attacker, session.Email, session.Password)).StatusCode
            .ShouldBe(HttpStatusCode.TooManyRequests, "the locked pair waits out the lock, even with the right password");

        var owner = From(app.Factory, "192.0.2.44");
        (await LoginAsync(owner, session.Email, session.Password)).StatusCode
            .ShouldBe(HttpStatusCode.OK, "someone else's failures never refuse the right password");
    }

    [Fact]
    public async Task One_address_failing_across_many_accounts_is_locked_out_of_all_of_them()
    {
        await using var factory = new BeaconFactory(app.Database, new Dictionary<string, string?>
        {
            ["Beacon:Auth:AddressLockoutThreshold"] = "6",
        });
        var victim = await ApiClient.SignupAsync(factory.CreateClient);
        var sprayer = From(factory, "203.0.113.99");
        for (var i = 0; i < 6; i++)
        {
            (await LoginAsync(sprayer, $"user{i}-{Guid.NewGuid():N}@example.test", "summer-sale-77")).StatusCode
                .ShouldBe(i < 5 ? HttpStatusCode.Unauthorized : HttpStatusCode.TooManyRequests);
        }

        (await LoginAsync(sprayer, victim.Email, victim.Password)).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        (await LoginAsync(From(factory, "192.0.2.45"), victim.Email, victim.Password)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Failures_on_one_account_from_many_addresses_warn_of_credential_stuffing_yet_the_right_password_signs_in()
    {
        var logs = new CapturedLogs();
        await using var factory = new BeaconFactory(app.Database, new Dictionary<string, string?>
        {
            ["Beacon:Auth:AccountSlowdownThreshold"] = "6",
            ["Beacon:Auth:AccountSlowdownDelay"] = "00:00:00.010",
        });
        await using var logged = factory.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(logs)));
        var victim = await ApiClient.SignupAsync(logged.CreateClient);
        for (var i = 0; i < 8; i++)
        {
            (await LoginAsync(From(logged, $"203.0.113.{i + 1}"), victim.Email, "wrong-password-1")).StatusCode
                .ShouldBe(HttpStatusCode.Unauthorized, "no single address failed often enough to be locked");
        }

        logs.Messages.ShouldContain(m => m.Contains("possible credential-stuffing", StringComparison.Ordinal)
            && m.Contains(victim.Email, StringComparison.Ordinal));
        (await LoginAsync(From(logged, Address()), victim.Email, victim.Password)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private sealed class CapturedLogs : ILoggerProvider
    {
        public ConcurrentQueue<string> Messages { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(Messages);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<string> messages) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception,
                Func<TState, Exception?, string> formatter) => messages.Enqueue(formatter(state, exception));
        }
    }
}
