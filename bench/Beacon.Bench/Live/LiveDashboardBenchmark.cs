using System.Diagnostics;
using Beacon.Bench.Platform;
using Beacon.Contracts.Identity;
using Beacon.TestKit;
using Npgsql;
using static Beacon.Bench.Platform.BenchArgs;

namespace Beacon.Bench.Live;

/// <summary>
/// Issue 4's second bar: N dashboard users of the demo brokerage (12,000 leads) on one node, each with a live
/// WebSocket, loading the home page's API calls every think time while a background writer creates leads so live
/// events flow. Bar: API p99 ≤ 500 ms and 0 errors (floor: p99 under 2 s, &lt; 1 % errors).
/// </summary>
internal sealed class LiveDashboardBenchmark : IBenchmark
{
    public string Name => "live dashboard";

    public string Description => "N dashboard users: live socket + home page API calls every think time [--users 2000 --seconds 300 --think 30 --agents 15 --writes 0.5 --connections 256 --durable true]";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var o = new BenchArgs(args);
        var users = o.Int("--users", 2000);
        var duration = TimeSpan.FromSeconds(o.Int("--seconds", 300));
        var think = TimeSpan.FromSeconds(o.Double("--think", 30));
        var writes = o.Double("--writes", 0.5);
        var connections = o.Int("--connections", 256);
        Console.WriteLine($"load average before: {LoadAverage()}; users {users}, {duration.TotalSeconds:0} s, think {think.TotalSeconds:0} s, writes {writes}/s");
        await using var stack = await BenchStack.StartAsync(o.Bool("--durable", true), cancellationToken);
        var settings = new Dictionary<string, string?> { ["Beacon:Demo:SeedOnStart"] = "true" };
        foreach (var (key, value) in o.ServerSettings())
        {
            settings[key] = value;
        }

        var server = await stack.StartServerAsync(settings, o.Value("--app-options"));
        var drained = await DrainJobsAsync(stack.AdminConnectionString, cancellationToken);
        Console.WriteLine($"demo brokerage seeded; its background jobs drained in {F(drained.TotalSeconds)} s");
        using var pool = await DashboardPool.SignInAsync(server.BaseAddress, o.Int("--agents", 15), cancellationToken);
        Console.WriteLine($"pool: {pool.Accounts.Count} signed-in accounts ({string.Join(", ", pool.Accounts.GroupBy(a => a.Role).Select(g => $"{g.Count()} {g.Key}"))}) shared by {users} users");

        var rssBefore = ProcessMemory.ResidentKb(server.ProcessId);
        var sockets = await Watcher.ConnectManyAsync(server.BaseAddress, users, i => pool.Accounts[i % pool.Accounts.Count].AccessToken,
            trackArrivals: false, cancellationToken);
        var rssSockets = ProcessMemory.ResidentKb(server.ProcessId);
        using var http = BenchUsers.LoadClient(server.BaseAddress, connections);
        var visits = new DashboardVisits(http, think, duration);
        Console.WriteLine($"load average at start: {LoadAverage()}");
        var cpu = CpuMeter.Start(stack);
        var clock = Stopwatch.StartNew();
        using var stopWriter = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var writer = WriteLeadsAsync(pool.Owner.Client, writes, stopWriter.Token);
        await Task.WhenAll(Enumerable.Range(0, users).Select(i =>
            visits.RunUserAsync(i, pool.Accounts[i % pool.Accounts.Count], clock, cancellationToken)));
        await stopWriter.CancelAsync();
        var (created, writeErrors) = await writer;
        var elapsed = clock.Elapsed;
        await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken); // the last leads' events reach the sockets
        Console.WriteLine(cpu.Report(visits.Requests));
        var rssAfter = ProcessMemory.ResidentKb(server.ProcessId);

        Console.WriteLine($"live dashboard: {users} users, {F(elapsed.TotalSeconds)} s, {visits.Requests} API requests ({F(visits.Requests / elapsed.TotalSeconds)}/s)");
        visits.Print();
        var allSeeing = sockets.Where((_, i) => pool.Accounts[i % pool.Accounts.Count].Role is Roles.Owner or Roles.Admin or Roles.ReadOnly).ToList();
        var drops = sockets.Count(s => s.Failed);
        Console.WriteLine($"live: {sockets.Sum(s => s.Events)} event frames delivered to {sockets.Count} sockets; writer created {created} leads " +
            $"({writeErrors} failed); lead.created at the {allSeeing.Count} all-seeing sockets {allSeeing.Sum(s => s.Tracked)} of {created * allSeeing.Count} expected; socket drops {drops}");
        foreach (var ending in sockets.Where(s => s.Failed).GroupBy(s => s.Ending).OrderByDescending(g => g.Count()).Take(5))
        {
            Console.WriteLine($"  {ending.Count()} sockets ended early: {ending.Key}");
        }

        Console.WriteLine($"server RSS: {rssBefore / 1024} MB before sockets, {rssSockets / 1024} MB with them, {rssAfter / 1024} MB after the run");
        var errors = visits.Errors + drops;
        var errorRate = errors / (double)Math.Max(1, visits.Requests);
        Console.WriteLine($"  bar API p99 <= 500 ms and 0 errors: {(visits.WorstP99 <= 500 && errors == 0 ? "MET" : "MISSED")} (worst route p99 {F(visits.WorstP99)} ms, errors {errors})");
        Console.WriteLine($"  floor p99 < 2 s and < 1 % errors: {(visits.WorstP99 < 2000 && errorRate < 0.01 ? "MET" : "MISSED")}");
        Console.WriteLine($"load average after: {LoadAverage()}");
        sockets.ForEach(s => s.Dispose());
        return errors == 0 ? 0 : 1;
    }

    /// <summary>Creates leads at <paramref name="perSecond"/> as the owner until cancelled: (created, failed).</summary>
    private static async Task<(long Created, long Failed)> WriteLeadsAsync(HttpClient owner, double perSecond, CancellationToken ct)
    {
        long created = 0, failed = 0;
        if (perSecond <= 0)
        {
            return (0, 0);
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1 / perSecond));
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                try
                {
                    await LiveLeads.CreateAsync(owner, ct);
                    created++;
                }
                catch (HttpRequestException)
                {
                    failed++;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        return (created, failed);
    }

    /// <summary>Seeding enqueues work (scoring the history …): wait for the queue to empty so it does not share the run.</summary>
    private static async Task<TimeSpan> DrainJobsAsync(string admin, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        await Poller.UntilAsync(async () =>
        {
            await using var conn = new NpgsqlConnection(admin);
            await conn.OpenAsync(ct);
            await using var cmd = new NpgsqlCommand("SELECT count(*) FROM platform.jobs", conn);
            return (long)(await cmd.ExecuteScalarAsync(ct))!;
        }, n => n == 0, TimeSpan.FromMinutes(10), "the seeded brokerage's jobs");
        return clock.Elapsed;
    }
}
