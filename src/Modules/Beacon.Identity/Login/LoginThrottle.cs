using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Beacon.Identity.Login;

/// <summary>
/// Failed sign-ins, shared by every node through PostgreSQL. <see cref="AuthOptions.LockoutThreshold"/> failures of one
/// account from one address lock that pair; <see cref="AuthOptions.AddressLockoutThreshold"/> failures from one address
/// (any accounts) lock that address. Failures from elsewhere never refuse the right password: past
/// <see cref="AuthOptions.AccountSlowdownThreshold"/> an account's every attempt is only slowed, and a warning raised.
/// Unknown accounts are counted the same way, so they answer the same.
/// </summary>
internal sealed partial class LoginThrottle(IOptions<AuthOptions> options, TimeProvider clock, ILogger<LoginThrottle> logger)
{
    /// <summary>Waits out the account's slow-down if it is under attack; returns the lock-out end when refused.</summary>
    public async Task<DateTimeOffset?> GateAsync(NpgsqlConnection conn, string email, string address, CancellationToken ct)
    {
        var o = options.Value;
        var gate = await conn.QuerySingleAsync<State>(new CommandDefinition(
            "SELECT locked_until AS LockedUntil, account_failures AS AccountFailures FROM identity.login_gate(@email, @address, @window)",
            new { email, address, window = o.LockoutWindow }, cancellationToken: ct));
        if (gate.LockedUntil is null && gate.AccountFailures >= o.AccountSlowdownThreshold)
        {
            await Task.Delay(o.AccountSlowdownDelay, clock, ct);
        }

        return gate.LockedUntil;
    }

    /// <summary>Counts a failure; returns the lock-out end when this pair or address is now locked.</summary>
    public async Task<DateTimeOffset?> FailedAsync(NpgsqlConnection conn, string email, string address, CancellationToken ct)
    {
        var o = options.Value;
        var state = await conn.QuerySingleAsync<State>(new CommandDefinition("""
            SELECT locked_until AS LockedUntil, account_failures AS AccountFailures
              FROM identity.record_login_failure(@email, @address, @pairMax, @addressMax, @window, @lockout)
            """, new
        {
            email,
            address,
            pairMax = o.LockoutThreshold,
            addressMax = o.AddressLockoutThreshold,
            window = o.LockoutWindow,
            lockout = o.LockoutDuration,
        }, cancellationToken: ct));
        // Once at the ceiling and at each multiple of it: enough to alert on, not a line per attempt.
        if (state.AccountFailures >= o.AccountSlowdownThreshold && state.AccountFailures % o.AccountSlowdownThreshold == 0)
        {
            LogStuffing(email, state.AccountFailures, o.LockoutWindow);
        }

        return state.LockedUntil;
    }

    public static Task SucceededAsync(NpgsqlConnection conn, string email, string address, CancellationToken ct) =>
        conn.ExecuteAsync(new CommandDefinition("SELECT identity.reset_login_failures(@email, @address)",
            new { email, address }, cancellationToken: ct));

    [LoggerMessage(LogLevel.Warning,
        "Sign-in: possible credential-stuffing on account {Email}: {Failures} failed attempts within {Window}; every attempt on it is slowed")]
    private partial void LogStuffing(string email, int failures, TimeSpan window);

    private sealed record State(DateTimeOffset? LockedUntil, int AccountFailures);
}
