using Beacon.Bench.Platform;
using static Beacon.Bench.Platform.BenchArgs;

namespace Beacon.Bench.Faults;

/// <summary>
/// Faults survived, measured (issue 18): each scenario injects one fault into real processes — sandbox providers down
/// then slow, PostgreSQL restarted under load, <c>kill -9</c> of a node mid-import and mid-workflow, Redis down —
/// and checks acknowledged-but-lost = 0, duplicated = 0, every job done or dead-lettered, printing the time to recover.
/// </summary>
internal sealed class FaultsBenchmark : IBenchmark
{
    private static readonly IFaultScenario[] Scenarios =
    [
        new ProviderOutageScenario(), new PostgresRestartScenario(), new ImportKillScenario(), new WorkflowKillScenario(), new RedisOutageScenario(),
    ];

    public string Name => "faults";

    public string Description => $"faults survived: lost 0, duplicated 0, jobs done [--scenario {string.Join('|', Scenarios.Select(s => s.Name))} --leads N]";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var o = new BenchArgs(args);
        var only = o.Value("--scenario");
        var chosen = Scenarios.Where(s => only is null || s.Name == only).ToList();
        if (chosen.Count == 0)
        {
            Console.WriteLine($"unknown scenario '{only}'; one of: {string.Join(", ", Scenarios.Select(s => s.Name))}");
            return 2;
        }

        var verdicts = new List<FaultReport>();
        foreach (var scenario in chosen)
        {
            Console.WriteLine($"== {scenario.Name}: {scenario.Description}");
            Console.WriteLine($"  load average before: {LoadAverage()}");
            var report = new FaultReport(scenario.Name);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            try
            {
                await scenario.RunAsync(o, report, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                report.Crashed(e);
            }

            Console.WriteLine($"  scenario took {F(clock.Elapsed.TotalSeconds)} s; load average after: {LoadAverage()}");
            Console.WriteLine(report.Verdict());
            verdicts.Add(report);
        }

        Console.WriteLine("summary:");
        verdicts.ForEach(v => Console.WriteLine($"  {v.Verdict()}"));
        return verdicts.TrueForAll(v => v.Passed) ? 0 : 1;
    }
}
