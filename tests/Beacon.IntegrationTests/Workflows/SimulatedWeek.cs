using Beacon.TestKit;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Beacon.IntegrationTests.Workflows;

/// <summary>
/// A clock that moves only when the test says so; timers and stopwatches still run on real time (inherited), so the
/// server's background loops keep working.
/// </summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _gate = new();
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public void MoveTo(DateTimeOffset to)
    {
        lock (_gate)
        {
            _now = to > _now ? to : _now;
        }
    }
}

/// <summary>
/// A server on a database of its own whose <see cref="TimeProvider"/> is a <see cref="ManualClock"/>, with the real
/// queue and workers. The queue compares <c>run_at</c> with the database's clock, and every step job is scheduled at
/// the server's (simulated) time, which runs ahead of the real one: no step fires until <see cref="DrainAsync"/>
/// releases the ones due by the simulated time to the workers (their <c>run_at</c> becomes the database's now).
/// Everything else (events, e-mail sends) is queued for the database's now and runs at once, as in production.
/// </summary>
internal sealed class SimulatedWeek : IAsyncDisposable
{
    private readonly TestDatabase _database;
    private readonly BeaconFactory _root;
    private readonly Func<ValueTask> _stopServer;
    private readonly Func<HttpClient> _createClient;

    private SimulatedWeek(TestDatabase database, ManualClock clock)
    {
        _database = database;
        Clock = clock;
        _root = new BeaconFactory(database, new Dictionary<string, string?> { ["Beacon:Billing:SchedulerEnabled"] = "false" });
        // Typed by inference: the tests see two Program classes (the server's and the sandbox's).
        var server = _root.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)));
        _stopServer = server.DisposeAsync;
        _createClient = server.CreateClient;
    }

    public ManualClock Clock { get; }

    public TestDatabase Database => _database;

    public static async Task<SimulatedWeek> StartAsync()
    {
        var database = new TestDatabase();
        await database.InitializeAsync();
        // Starts at the real now: sign-in tokens are issued by this clock and judged by the system's.
        return new SimulatedWeek(database, new ManualClock(TimeProvider.System.GetUtcNow()));
    }

    public Task<TenantSession> SignupAsync() => ApiClient.SignupAsync(_createClient);

    /// <summary>The earliest step job still waiting for its simulated time, if any.</summary>
    public async Task<DateTimeOffset?> NextStepDueAsync() => await _database.ScalarAsync<DateTime?>(
        "SELECT min(run_at) FROM platform.jobs WHERE handler = 'workflows.step' AND run_at > now()") is { } due
        ? new DateTimeOffset(due, TimeSpan.Zero)
        : null;

    /// <summary>Hands every step job due by the simulated now to the workers, until none is left, and waits for all work to finish.</summary>
    public async Task DrainAsync()
    {
        while (true)
        {
            var released = await _database.ScalarAsync<long>("""
                WITH released AS (
                    UPDATE platform.jobs SET run_at = now() WHERE handler = 'workflows.step' AND run_at <= $1 AND run_at > now() RETURNING 1)
                SELECT count(*) FROM released
                """, Clock.GetUtcNow());
            await _database.ScalarAsync<int>("NOTIFY beacon_jobs");
            await Poller.UntilAsync(() => _database.ScalarAsync<long>("SELECT count(*) FROM platform.jobs WHERE run_at <= now()"),
                n => n == 0, TimeSpan.FromSeconds(60), $"the work due by {Clock.GetUtcNow():u} (simulated) is done");
            if (released == 0)
            {
                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopServer();
        await _root.DisposeAsync();
        await _database.DisposeAsync();
    }
}
