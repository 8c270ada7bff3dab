using System.Diagnostics;
using Beacon.Bench.Platform;
using Beacon.Bench.Workflows;
using static Beacon.Bench.Platform.BenchArgs;

namespace Beacon.Bench.Faults;

/// <summary>
/// Enrollments whose e-mail step falls due during the run (the workflows bench's seed), a node running them killed
/// with SIGKILL part-way — no grace, no hand-back: its claims lapse after the visibility timeout — and a node started
/// in its place. Every step must run exactly once (<c>workflows.step_runs</c>, one <c>sent</c> history entry each).
/// </summary>
internal sealed class WorkflowKillScenario : IFaultScenario
{
    public string Name => "workflow-kill";

    public string Description => "kill -9 of the node running workflow steps, a node started in its place [--leads 2000 enrollments --window 20 --visibility 10]";

    public async Task RunAsync(BenchArgs a, FaultReport report, CancellationToken ct)
    {
        var count = a.Int("--leads", 2000);
        var window = TimeSpan.FromSeconds(a.Int("--window", 20));
        var visibility = a.Int("--visibility", 10);
        // No SMTP server: the e-mail job logs the message; what is measured is the engine's exactly-once.
        var settings = FaultStack.NodeSettings(a, new Dictionary<string, string?>
        {
            ["Beacon:Email:Smtp:Host"] = "",
            ["Beacon:Jobs:VisibilityTimeout"] = TimeSpan.FromSeconds(visibility).ToString(),
        });
        await using var stack = await BenchStack.StartAsync(durable: true, ct);
        var victim = await stack.StartServerAsync(settings);
        var (tenant, start, _) = await EnrollmentSeed.SeedAsync(stack.AdminConnectionString, count, window, TimeSpan.FromSeconds(3),
            WorkflowsBenchmark.DaytimeZone(window), ct);
        report.Figure($"{count} enrollments, one e-mail step each, due over {F(window.TotalSeconds, "0")} s from {start:HH:mm:ss}; " +
                      $"visibility timeout {visibility} s");

        long ran;
        var waiting = Stopwatch.StartNew();
        do
        {
            await Task.Delay(100, ct);
            ran = await StepsRunAsync(stack, tenant);
        }
        while (ran < count * 0.3 && waiting.Elapsed < window + TimeSpan.FromSeconds(60));

        victim.Kill();
        var killed = Stopwatch.StartNew();
        var atKill = await StepsRunAsync(stack, tenant);
        report.Figure($"kill -9 of node pid {victim.ProcessId} with {atKill} of {count} steps run");
        report.Require(atKill < count, "steps were still due when the node died");
        await stack.StartNodeAsync(settings);
        var restarted = killed.Elapsed;
        do
        {
            await Task.Delay(250, ct);
            ran = await StepsRunAsync(stack, tenant);
        }
        while (ran < count && killed.Elapsed < TimeSpan.FromSeconds(a.Int("--drain", 180)));

        report.Figure($"kill → new node ready {F(restarted.TotalSeconds)} s; kill → every step run {(ran == count ? $"{F(killed.Elapsed.TotalSeconds)} s" : $"NOT within {F(killed.Elapsed.TotalSeconds)} s")}");
        var sent = await FaultDb.ScalarAsync(stack.AdminConnectionString,
            "SELECT count(*) FROM workflows.history WHERE tenant_id = $1 AND status = 'sent'", tenant);
        var twice = await FaultDb.ScalarAsync(stack.AdminConnectionString,
            "SELECT count(*) - count(DISTINCT enrollment_id) FROM workflows.history WHERE tenant_id = $1 AND status = 'sent'", tenant);
        var completed = await FaultDb.ScalarAsync(stack.AdminConnectionString,
            "SELECT count(*) FROM workflows.enrollments WHERE tenant_id = $1 AND status = 'completed'", tenant);
        report.Figure($"steps run {ran}/{count}, e-mails sent {sent} ({twice} twice), enrollments completed {completed}");
        report.Require(ran == count && completed == count, $"no step lost ({count - ran} steps never ran)");
        report.Require(sent == count && twice == 0, $"every step ran exactly once ({twice} e-mails sent twice, {count - sent} not sent)");
        var (tally, waited) = await FaultDb.DrainAsync(stack.AdminConnectionString, TimeSpan.FromSeconds(a.Int("--drain-jobs", 60)), ct);
        FaultDb.Check(report, tally, waited);
    }

    private static Task<long> StepsRunAsync(BenchStack stack, Guid tenant) =>
        FaultDb.ScalarAsync(stack.AdminConnectionString, "SELECT count(*) FROM workflows.step_runs WHERE tenant_id = $1", tenant);
}
