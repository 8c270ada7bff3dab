using Npgsql;
using static Beacon.Bench.Platform.BenchArgs;

namespace Beacon.Bench.Platform;

/// <summary>
/// Enqueue → handler start of <c>diagnostics.probe</c> jobs at a sustained rate, against one Beacon.Server
/// (role all). Latency is the probe's <c>started_at - enqueued_at</c> (the job row's <c>created_at</c>, taken at
/// INSERT, so it includes the enqueuing commit). Bar: p99 ≤ 20 ms at 1,000 jobs/s for 60 s, 0 lost.
/// </summary>
internal sealed class QueueBenchmark : IBenchmark
{
    public string Name => "queue";

    public string Description => "probe jobs enqueue->handler start [--rate 1000 --seconds 60 --warmup 5 --producers 4 --durable true --set Beacon:Jobs:Concurrency=4]";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var o = new BenchArgs(args);
        var rate = o.Double("--rate", 1000);
        var seconds = o.Int("--seconds", 60);
        var warmup = o.Int("--warmup", 5);
        var producers = o.Int("--producers", 4);
        var settings = o.ServerSettings();
        Console.WriteLine($"load average before: {LoadAverage()}");

        await using var stack = await BenchStack.StartAsync(o.Bool("--durable", true), cancellationToken);
        await stack.StartServerAsync(settings, o.Value("--app-options"));
        string Job(string key, string fallback) => settings.TryGetValue("Beacon:Jobs:" + key, out var v) && v is not null ? v : fallback;
        Console.WriteLine($"queue: role {(settings.TryGetValue("Beacon:Role", out var role) ? role : "all")}, Concurrency {Job("Concurrency", "4")}, " +
                          $"BatchSize {Job("BatchSize", "20")}, PollInterval {Job("PollInterval", "00:00:01")}");
        Console.WriteLine($"load: {F(rate, "0")} jobs/s for {seconds} s after {warmup} s warm-up; {producers} producer connections, one INSERT + commit per job, coalesced NOTIFY after commit");

        var app = new NpgsqlConnectionStringBuilder(stack.AppConnectionString) { MaxPoolSize = producers + 2 };
        await using var dataSource = NpgsqlDataSource.Create(app.ConnectionString);
        var producer = new QueueProducer(dataSource, producers);
        var drainTimeout = TimeSpan.FromSeconds(o.Int("--drain-timeout", 120));
        if (warmup > 0)
        {
            await producer.RunAsync(Guid.CreateVersion7(), rate, TimeSpan.FromSeconds(warmup), cancellationToken);
            await QueueResults.WaitForDrainAsync(stack.AdminConnectionString, drainTimeout, cancellationToken);
        }

        var tenant = Guid.CreateVersion7();
        var counters = await PgCounters.ReadAsync(stack.AdminConnectionString, cancellationToken);
        var cpu = CpuMeter.Start(stack);
        var (enqueued, errors, commit, took) = await producer.RunAsync(tenant, rate, TimeSpan.FromSeconds(seconds), cancellationToken);
        Console.WriteLine(cpu.Report(enqueued));
        var enqueue = commit.Summarise(took);
        Console.WriteLine($"enqueue (schedule -> commit): {enqueue}; notifications sent {producer.Notifications}");
        var (drained, drainTook) = await QueueResults.WaitForDrainAsync(stack.AdminConnectionString, drainTimeout, cancellationToken);
        Console.WriteLine($"queue drained: {drained} ({F(drainTook.TotalSeconds, "0.0")} s after the last enqueue)");
        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken); // let the statistics collector catch up
        Console.WriteLine((await PgCounters.ReadAsync(stack.AdminConnectionString, cancellationToken)).PerOperation(counters, enqueued));

        var r = await QueueResults.ReadAsync(stack.AdminConnectionString, tenant, cancellationToken);
        var lost = enqueued - r.Distinct;
        var duplicates = r.Runs - r.Distinct;
        Console.WriteLine($"per 10 s window: {await QueueResults.WindowsAsync(stack.AdminConnectionString, tenant, cancellationToken)}");
        Console.WriteLine($"queue: enqueued {enqueued} in {F(took.TotalSeconds, "0.0")} s ({F(enqueued / took.TotalSeconds, "0")}/s), enqueue errors {errors}; enqueue->start {r}; lost {lost}, duplicates {duplicates}");
        var met = r.P99 <= 20 && lost == 0 && enqueued / took.TotalSeconds >= rate * 0.98;
        Console.WriteLine($"  bar p99 <= 20 ms at {F(rate, "0")} jobs/s, 0 lost: {(met ? "MET" : "MISSED")}");
        Console.WriteLine($"load average after: {LoadAverage()}");
        return lost == 0 && duplicates == 0 ? 0 : 1;
    }
}
