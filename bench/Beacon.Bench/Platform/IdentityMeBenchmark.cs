using System.Net.Http.Headers;
using static Beacon.Bench.Platform.BenchArgs;

namespace Beacon.Bench.Platform;

/// <summary>
/// Authenticated <c>GET /api/v1/me</c> with ES256 JWTs of several users: a closed loop at C connections after a
/// warm-up, then (unless <c>--rate 0</c>) an open loop at a fixed rate measured from each request's scheduled send
/// time. Bar: ≥ 5,000 requests/s with p99 ≤ 20 ms on this 2-core machine.
/// </summary>
internal sealed class IdentityMeBenchmark : IBenchmark
{
    public string Name => "identity me";

    public string Description => "GET /api/v1/me with a JWT [--connections 32 --users 8 --seconds 30 --warmup 5 --rate 5000 --open-seconds 30 --mode both|closed|open --wrk false --profile false --durable true --set K=V --app-options 'Max Auto Prepare=20']";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var o = new BenchArgs(args);
        var connections = o.Int("--connections", 32);
        var userCount = o.Int("--users", 8);
        var seconds = o.Int("--seconds", 30);
        var warmup = o.Int("--warmup", 5);
        var rate = o.Double("--rate", 5000);
        var openSeconds = o.Int("--open-seconds", 30);
        var mode = o.Value("--mode") ?? "both";
        Console.WriteLine($"load average before: {LoadAverage()}");

        await using var stack = await BenchStack.StartAsync(o.Bool("--durable", true), cancellationToken);
        var server = await stack.StartServerAsync(o.ServerSettings(), o.Value("--app-options"));
        var users = await BenchUsers.SignupAsync(server.BaseAddress, userCount, cancellationToken);
        var bearer = users.Select(u => new AuthenticationHeaderValue("Bearer", u.Tokens.AccessToken)).ToArray();
        using var http = BenchUsers.LoadClient(server.BaseAddress, connections);
        Request me = async (worker, ct) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
            request.Headers.Authorization = bearer[worker % bearer.Length];
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
            await response.Content.ReadAsByteArrayAsync(ct);
            return response.IsSuccessStatusCode;
        };

        Console.WriteLine($"load: {userCount} users (JWT ES256), one SocketsHttpHandler with MaxConnectionsPerServer={connections}, HTTP/1.1 keep-alive");
        await HttpLoad.ClosedLoopAsync(connections, TimeSpan.FromSeconds(warmup), 10_000_000, me, cancellationToken);
        var failed = false;
        if (mode is "both" or "closed")
        {
            var cpu = CpuMeter.Start(stack);
            var closed = await HttpLoad.ClosedLoopAsync(connections, TimeSpan.FromSeconds(seconds), 10_000_000, me, cancellationToken);
            Console.WriteLine(cpu.Report(closed.Count));
            Console.WriteLine($"identity me closed loop ({connections} connections): {closed}");
            Console.WriteLine($"  bar >= 5000/s and p99 <= 20 ms: {(closed.Throughput >= 5000 && closed.P99 <= 20 ? "MET" : "MISSED")}");
            failed |= closed.Errors > 0;
        }

        if (mode is "both" or "open" && rate > 0)
        {
            Console.WriteLine($"load average before open loop: {LoadAverage()}");
            var cpu = CpuMeter.Start(stack);
            var (open, lag) = await HttpLoad.OpenLoopAsync(rate, TimeSpan.FromSeconds(openSeconds), me, cancellationToken);
            Console.WriteLine(cpu.Report(open.Count));
            Console.WriteLine($"identity me open loop ({F(rate, "0")}/s scheduled, latency from scheduled send): {open}; dispatcher lag p99 {F(lag, "0.00")} ms");
            Console.WriteLine($"  bar p99 <= 20 ms at {F(rate, "0")}/s: {(open.P99 <= 20 && open.Throughput >= rate * 0.98 ? "MET" : "MISSED")}");
            failed |= open.Errors > 0;
        }

        if (o.Bool("--wrk", false))
        {
            Console.WriteLine($"load average before wrk: {LoadAverage()}");
            var cpu = CpuMeter.Start(stack);
            await WrkRunner.RunAsync(server.BaseAddress, users.Select(u => u.Tokens.AccessToken).ToList(), connections, seconds, cancellationToken);
            Console.WriteLine(cpu.Report());
        }

        if (o.Bool("--profile", false))
        {
            Console.WriteLine($"load average before profile: {LoadAverage()}");
            await IdentityMeProfile.RunAsync(stack, http, users, connections, TimeSpan.FromSeconds(Math.Min(seconds, 15)), cancellationToken);
        }

        Console.WriteLine($"load average after: {LoadAverage()}");
        return failed ? 1 : 0;
    }
}
