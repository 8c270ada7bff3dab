using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Beacon.Bench.Platform;
using static Beacon.Bench.Platform.BenchArgs;

namespace Beacon.Bench.Live.Transports;

/// <summary>
/// ADR 0005's comparison, measured: the same N idle connections held by a bare ASP.NET Core WebSocket endpoint and
/// by a SignalR hub (WebSockets transport, JSON protocol), each server a child process of its own; the server's
/// resident and managed memory per connection, then broadcasts of a ~400-byte frame (the size of a
/// <c>lead.created</c> frame): server CPU per delivered frame and send → last connection latency.
/// </summary>
internal sealed class LiveTransportsBenchmark : IBenchmark
{
    public string Name => "live transports";

    public string Description => "bare WebSocket vs SignalR: server memory per connection, CPU per frame, broadcast latency";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var options = new BenchArgs(args);
        var connections = options.Int("--connections", 10_000);
        var broadcasts = options.Int("--events", 10);
        var warmup = options.Int("--warmup", 3);
        var kinds = (options.Value("--kinds") ?? "websocket,signalr").Split(',');
        Console.WriteLine($"load average before: {LoadAverage()}; {connections} connections, {broadcasts} broadcasts after {warmup} warm-up");
        foreach (var kind in kinds)
        {
            await RunKindAsync(kind, connections, warmup, broadcasts, cancellationToken);
        }

        Console.WriteLine($"load average after: {LoadAverage()}");
        return 0;
    }

    private static async Task RunKindAsync(string kind, int connections, int warmup, int broadcasts, CancellationToken ct)
    {
        var port = FreePort();
        using var server = Process.Start(new ProcessStartInfo("dotnet")
        {
            ArgumentList = { typeof(TransportServer).Assembly.Location, "live", "transport-server", "--kind", kind, "--port", $"{port}" },
            RedirectStandardOutput = true,
        })!;
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        try
        {
            var before = await StatsAsync(http, server.Id, ct);
            var arrivals = new Arrivals(warmup + broadcasts, connections);
            var clock = Stopwatch.StartNew();
            var clients = await TransportClients.ConnectAsync(kind, port, connections, arrivals, ct);
            Console.WriteLine($"{kind}: connected {connections} in {F(clock.Elapsed.TotalSeconds)} s");
            await Task.Delay(TimeSpan.FromSeconds(3), ct);
            var after = await StatsAsync(http, server.Id, ct);
            Console.WriteLine($"{kind}: server RSS {before.RssKb / 1024} → {after.RssKb / 1024} MB: " +
                $"{F((after.RssKb - before.RssKb) / (double)connections)} KB per connection; managed heap after a full GC " +
                $"{F((after.HeapBytes - before.HeapBytes) / 1024.0 / connections)} KB per connection");

            var cpuStart = 0.0;
            var lasts = new List<double>();
            var all = new List<double>();
            var missing = 0;
            for (var b = 0; b < warmup + broadcasts; b++)
            {
                if (b == warmup)
                {
                    cpuStart = CpuMeter.ProcessSeconds(server.Id, includeReaped: false);
                }

                var payload = $"{{\"seq\":{b},\"type\":\"event\",\"eventType\":\"lead.created\",\"data\":\"{new string('x', 340)}\"}}";
                var sentAt = Stopwatch.GetTimestamp();
                (await http.PostAsync("/broadcast", new StringContent(payload), ct)).EnsureSuccessStatusCode();
                var complete = await arrivals.WaitAsync(b, TimeSpan.FromSeconds(30));
                var ms = arrivals.Latencies(b, sentAt);
                if (b >= warmup)
                {
                    missing += connections - ms.Length;
                    all.AddRange(ms);
                    lasts.Add(complete ? ms.Max() : double.NaN);
                }

                await Task.Delay(200, ct);
            }

            var cpu = CpuMeter.ProcessSeconds(server.Id, includeReaped: false) - cpuStart;
            var sorted = all.Order().ToArray();
            var lastSorted = lasts.Order().ToArray();
            Console.WriteLine($"{kind}: server CPU per delivered frame {F(cpu * 1e6 / Math.Max(1, all.Count), "0")} µs; send→connection p50 " +
                $"{F(Latencies.Percentile(sorted, 50))} ms, p99 {F(Latencies.Percentile(sorted, 99))} ms; send→last connection median " +
                $"{F(Latencies.Percentile(lastSorted, 50))} ms, max {F(lastSorted.LastOrDefault())} ms; missing {missing}");
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync(CancellationToken.None);
        }
    }

    private static async Task<(long RssKb, long HeapBytes)> StatsAsync(HttpClient http, int pid, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var stats = await http.GetFromJsonAsync<ServerStats>("/stats?collect=true", ct);
                return (ProcessMemory.ResidentKb(pid), stats!.HeapBytes);
            }
            catch (HttpRequestException) when (attempt < 300)
            {
                await Task.Delay(100, ct);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed record ServerStats(int Sockets, long HeapBytes);
}
