using System.Diagnostics;
using Beacon.Bench.Platform;
using Beacon.TestKit;
using static Beacon.Bench.Platform.BenchArgs;

namespace Beacon.Bench.Live;

/// <summary>
/// Issue 4's bar: N live sockets of one tenant on one node; for each lead created through the API, the time from
/// the commit (the 201 arriving) to its <c>lead.created</c> frame at every socket, and the server's memory per socket.
/// The sockets live in this process, on the same 2 cores as the server: the client's own CPU is part of the figure.
/// </summary>
internal sealed class LiveFanoutBenchmark : IBenchmark
{
    public string Name => "live fanout";

    public string Description => "N WebSockets on one node; commit → last socket latency per event; server memory per socket";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var options = new BenchArgs(args);
        var connections = options.Int("--connections", 10_000);
        var events = options.Int("--events", 20);
        var warmup = options.Int("--warmup", 5);
        Console.WriteLine($"load average before: {LoadAverage()}; connections {connections}, events {events} after {warmup} warm-up events");
        await using var stack = await BenchStack.StartAsync(durable: true, cancellationToken);
        var server = await stack.StartServerAsync(options.ServerSettings());
        var owner = await ApiClient.SignupAsync(() => new HttpClient { BaseAddress = server.BaseAddress });
        var rssBefore = ProcessMemory.ResidentKb(server.ProcessId);

        var sockets = await Watcher.ConnectManyAsync(server.BaseAddress, connections, _ => owner.Tokens.AccessToken, trackArrivals: true,
            cancellationToken);
        await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
        var rssAfter = ProcessMemory.ResidentKb(server.ProcessId);
        Console.WriteLine($"server RSS {rssBefore / 1024} MB → {rssAfter / 1024} MB: {F((rssAfter - rssBefore) / (double)connections, "0.0")} KB per socket");

        // Warm-up events first (not counted): the JIT's later tiers compile the delivery path during them.
        var cpu = CpuMeter.Start(stack);
        var latencies = new List<double>();
        var lastPerEvent = new List<double>();
        var missing = 0L;
        for (var e = -warmup; e < events; e++)
        {
            if (e == 0)
            {
                (cpu, latencies, lastPerEvent, missing) = (CpuMeter.Start(stack), [], [], 0);
            }

            var lead = await LiveLeads.CreateAsync(owner.Client, cancellationToken);
            var committed = Stopwatch.GetTimestamp();
            var arrivals = await Task.WhenAll(sockets.Select(s => s.WaitForAsync(lead, TimeSpan.FromSeconds(10))));
            var ms = arrivals.Where(a => a > 0).Select(a => Latencies.Ms(committed, a)).ToList();
            missing += arrivals.Count(a => a == 0);
            latencies.AddRange(ms);
            lastPerEvent.Add(ms.Count > 0 ? ms.Max() : double.NaN);
            await Task.Delay(200, cancellationToken);
        }

        Console.WriteLine(cpu.Report(operations: latencies.Count) + " (an operation = one frame delivered to one socket)");
        var sorted = latencies.Order().ToArray();
        var lasts = lastPerEvent.Order().ToArray();
        Console.WriteLine($"fan-out commit→socket over {sorted.Length} deliveries: p50 {F(Latencies.Percentile(sorted, 50))} ms, " +
            $"p99 {F(Latencies.Percentile(sorted, 99))} ms, max {F(sorted.LastOrDefault())} ms; missing {missing}");
        Console.WriteLine($"commit→last socket per event: median {F(Latencies.Percentile(lasts, 50))} ms, " +
            $"p99 {F(Latencies.Percentile(lasts, 99))} ms; errors {missing + sockets.Count(s => s.Failed)}");
        foreach (var ending in sockets.Where(s => s.Failed).GroupBy(s => s.Ending).OrderByDescending(g => g.Count()).Take(5))
        {
            Console.WriteLine($"  {ending.Count()} sockets ended early: {ending.Key}");
        }

        Console.WriteLine($"load average after: {LoadAverage()}");
        foreach (var socket in sockets)
        {
            socket.Dispose();
        }

        return 0;
    }
}
