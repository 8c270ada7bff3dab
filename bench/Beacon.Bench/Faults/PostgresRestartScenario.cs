using Beacon.Bench.Platform;
using static Beacon.Bench.Platform.BenchArgs;

namespace Beacon.Bench.Faults;

/// <summary>
/// A steady stream of captures while PostgreSQL is stopped with a fast shutdown (sessions cut, in-flight
/// transactions rolled back) and started again on the same port. Every 201 must name a stored lead, errors during
/// the outage must be clean server errors (5xx: a client retries them; a 4xx it would not), captures must succeed
/// again soon after, a retry with the same Idempotency-Key must not duplicate, and the queue must drain.
/// </summary>
internal sealed class PostgresRestartScenario : IFaultScenario
{
    public string Name => "postgres";

    public string Description => "captures at --rate 20/s while PostgreSQL is stopped (fast) for --down 10 s and started again [--retry 60]";

    public async Task RunAsync(BenchArgs a, FaultReport report, CancellationToken ct)
    {
        var rate = a.Double("--rate", 20);
        var down = TimeSpan.FromSeconds(a.Int("--down", 10));
        await using var stack = await BenchStack.StartAsync(durable: true, ct);
        var node = await stack.StartServerAsync(FaultStack.NodeSettings(a));
        var (owner, bearer) = await FaultStack.BrokerageAsync(node);
        using var http = FaultStack.Client(node);
        var stream = new CaptureStream(FaultStack.RunId("postgres"), bearer, [http]);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var load = stream.RunAsync(rate, stop.Token);

        await Task.Delay(TimeSpan.FromSeconds(5), ct);
        var downAt = stream.Elapsed;
        await stack.StopDatabaseAsync(ct);
        report.Figure($"PostgreSQL stopped (fast shutdown) {F(downAt.TotalSeconds)} s into a stream of {F(rate)} captures/s; down for {F(down.TotalSeconds)} s");
        await Task.Delay(down, ct);
        await stack.StartDatabaseAsync(ct);
        var upAt = stream.Elapsed;
        report.Figure($"PostgreSQL accepting connections again at {F(upAt.TotalSeconds)} s");
        await Task.Delay(TimeSpan.FromSeconds(10), ct);
        await stop.CancelAsync();
        await load;

        var first = stream.Attempts.ToList();
        var during = first.Where(o => o.AnsweredAt >= downAt && o.SentAt <= upAt).ToList();
        report.Figure($"answers while it was down or restarting: {CaptureStream.StatusCounts(during)}; latency {CaptureStream.Latency(during)}");
        var unclean = first.Count(o => !o.Acknowledged && o.Status is not (>= 500 and <= 599));
        report.Figure($"all answers before retries: {CaptureStream.StatusCounts(first)}");
        foreach (var sample in first.Where(o => !o.Acknowledged).GroupBy(o => o.Status).Select(g => g.First()))
        {
            report.Figure($"  e.g. {(sample.Status == 0 ? "no answer" : $"{sample.Status}")}: {sample.Error?.ReplaceLineEndings(" ")}");
        }

        report.Require(unclean == 0, $"every refused capture was a clean 5xx ({unclean} were a 4xx or no answer)");
        var firstSuccess = first.Where(o => o.Acknowledged && o.AnsweredAt > upAt).Select(o => o.AnsweredAt - upAt).DefaultIfEmpty(TimeSpan.MaxValue).Min();
        var lastFailure = first.Where(o => !o.Acknowledged).Select(o => o.AnsweredAt - upAt).DefaultIfEmpty(TimeSpan.Zero).Max();
        report.Figure($"restart → first acknowledged capture {(firstSuccess == TimeSpan.MaxValue ? "never" : $"{F(firstSuccess.TotalSeconds, "0.00")} s")}, " +
                      $"last refused capture answered {F(lastFailure.TotalSeconds, "0.00")} s after the restart");
        report.Require(firstSuccess != TimeSpan.MaxValue, "captures succeed again after the restart");

        var retries = await stream.RetryUnacknowledgedAsync(TimeSpan.FromSeconds(a.Int("--retry", 60)));
        var retried = stream.Attempts.Skip(first.Count).ToList();
        report.Figure($"client retries of the refused captures (same key and body): {retries} sent, answers {CaptureStream.StatusCounts(retried)}");
        await CaptureAudit.CheckAsync(stack.AdminConnectionString, owner.TenantId, stream, report);
        var (tally, waited) = await FaultDb.DrainAsync(stack.AdminConnectionString, TimeSpan.FromSeconds(a.Int("--drain-jobs", 60)), ct);
        FaultDb.Check(report, tally, waited);
    }
}
