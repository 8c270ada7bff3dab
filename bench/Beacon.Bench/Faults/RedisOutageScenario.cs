using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Beacon.Bench.Platform;
using Beacon.TestKit;
using static Beacon.Bench.Platform.BenchArgs;

namespace Beacon.Bench.Faults;

/// <summary>
/// Two nodes counting the brokerage's rate limits in one private Redis (ADR 0023) under a stream of captures spread
/// over both; Redis stopped, then started again on its port. Requests must keep being served (fail-open to per-node
/// counting), and once Redis is back both nodes must count in it again (the same remaining quota seen from each).
/// </summary>
internal sealed class RedisOutageScenario : IFaultScenario
{
    public string Name => "redis";

    public string Description => "two nodes sharing rate-limit counters in Redis, captures at --rate 20/s, Redis stopped for --down 10 s and started again";

    public async Task RunAsync(BenchArgs a, FaultReport report, CancellationToken ct)
    {
        var rate = a.Double("--rate", 20);
        var down = TimeSpan.FromSeconds(a.Int("--down", 10));
        await using var redis = await RedisServer.StartAsync();
        var settings = FaultStack.NodeSettings(a, redis.Settings);
        await using var stack = await BenchStack.StartAsync(durable: true, ct);
        var nodeA = await stack.StartServerAsync(settings);
        var nodeB = await stack.StartNodeAsync(settings);
        var (owner, bearer) = await FaultStack.BrokerageAsync(nodeA);
        using var toA = FaultStack.Client(nodeA);
        using var toB = FaultStack.Client(nodeB);
        var stream = new CaptureStream(FaultStack.RunId("redis"), bearer, [toA, toB]);
        report.Figure($"redis-server on {redis.Configuration}; before: {(await QuotaAsync(toA, toB, bearer)).Text}");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var load = stream.RunAsync(rate, stop.Token);

        await Task.Delay(TimeSpan.FromSeconds(5), ct);
        var downAt = stream.Elapsed;
        await redis.StopAsync();
        report.Figure($"Redis stopped {F(downAt.TotalSeconds)} s into {F(rate)} captures/s over two nodes, for {F(down.TotalSeconds)} s");
        await Task.Delay(down / 2, ct);
        var during = await QuotaAsync(toA, toB, bearer);
        report.Figure($"while down: {during.Text}");
        await Task.Delay(down / 2, ct);
        await redis.StartAgainAsync();
        var upAt = stream.Elapsed;
        var back = Stopwatch.StartNew();
        var shared = await Poller.UntilAsync(() => QuotaAsync(toA, toB, bearer), q => q.SharedA && q.SharedB, TimeSpan.FromSeconds(60),
            "both nodes count in Redis again");
        report.Figure($"Redis back → both nodes counting in it again: {F(back.Elapsed.TotalSeconds, "0.00")} s");
        await Task.Delay(TimeSpan.FromSeconds(3), ct);
        await stop.CancelAsync();
        await load;

        var outage = stream.Attempts.Where(o => o.AnsweredAt >= downAt && o.SentAt <= upAt).ToList();
        var rest = stream.Attempts.Except(outage).ToList();
        report.Figure($"captures while Redis was down: {CaptureStream.StatusCounts(outage)}, latency {CaptureStream.Latency(outage)}");
        report.Figure($"captures otherwise: {CaptureStream.StatusCounts(rest)}, latency {CaptureStream.Latency(rest)}");
        report.Figure("behaviour: fail-open (ADR 0023) — while Redis is down each node counts the quotas in its own memory, " +
                      $"so the brokerage's remaining quota differs per node ({(during.SharedA || during.SharedB ? "NOT seen" : "seen")})");
        report.Require(outage.Count > 0 && outage.TrueForAll(o => o.Acknowledged), "every capture served while Redis was down");
        report.Require(!during.SharedA && !during.SharedB, "both nodes fell back to per-node counting while Redis was down");
        var after = await QuotaAsync(toA, toB, bearer);
        report.Figure($"after: {after.Text}");
        // The status route is an /api/v1 call and takes one itself: one counter means B sees exactly A's answer minus B's own call.
        report.Require(shared.SharedA && after.SharedB && after.RemainingA - after.RemainingB == 1,
            "counters shared again: node B's remaining quota is node A's minus B's own call");
        await CaptureAudit.CheckAsync(stack.AdminConnectionString, owner.TenantId, stream, report);
        var (tally, waited) = await FaultDb.DrainAsync(stack.AdminConnectionString, TimeSpan.FromSeconds(a.Int("--drain-jobs", 60)), ct);
        FaultDb.Check(report, tally, waited);
    }

    private sealed record Quota(bool SharedA, bool SharedB, int RemainingA, int RemainingB)
    {
        public string Text => $"node A {(SharedA ? "shared" : "per-node")} {RemainingA} left, node B {(SharedB ? "shared" : "per-node")} {RemainingB} left";
    }

    /// <summary>Each node's view of the owner's REST quota, A's then B's (<c>GET /api/v1/rate-limits</c>, itself counted once).</summary>
    private static async Task<Quota> QuotaAsync(HttpClient a, HttpClient b, AuthenticationHeaderValue bearer)
    {
        var (sharedA, leftA) = await RestAsync(a, bearer);
        var (sharedB, leftB) = await RestAsync(b, bearer);
        return new Quota(sharedA, sharedB, leftA, leftB);
    }

    private static async Task<(bool Shared, int Remaining)> RestAsync(HttpClient node, AuthenticationHeaderValue bearer)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/rate-limits");
        request.Headers.Authorization = bearer;
        using var response = await node.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var rest = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("scopes").EnumerateArray()
            .First(s => s.GetProperty("scope").GetString() == "rest");
        return (rest.GetProperty("shared").GetBoolean(), rest.GetProperty("principal").GetProperty("remaining").GetInt32());
    }
}
