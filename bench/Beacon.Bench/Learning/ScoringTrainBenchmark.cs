using System.Diagnostics;
using Beacon.Learning.Boosting;
using static Beacon.Bench.Learning.BenchStats;

namespace Beacon.Bench.Learning;

/// <summary>Training time of 200 depth-6 trees on 50,000 rows × 30 features (target: ≤ 5 s on 2 cores).</summary>
internal sealed class ScoringTrainBenchmark : IBenchmark
{
    public string Name => "scoring train";

    public string Description => "GBT training: 200 trees, depth 6, 50k rows x 30 features [--runs 3 --rows 50000]";

    public Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var runs = IntOption(args, "--runs", 3);
        var rows = IntOption(args, "--rows", 50_000);
        var data = SyntheticData.Create(rows, 30, seed: 7);
        var options = BenchModels.Options with { Threads = IntOption(args, "--threads", Environment.ProcessorCount) };
        var seconds = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            var model = GbtTrainer.Train(data, options, null, cancellationToken);
            seconds.Add(sw.Elapsed.TotalSeconds);
            var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            Console.WriteLine($"run {i + 1}: {F(seconds[^1], "0.000")} s wall, {F(cpuSeconds, "0.000")} s CPU ({model.TreeCount} trees, {model.NodeCount} nodes, max depth {model.MaxDepth})");
        }

        Console.WriteLine($"scoring train: median {F(Median(seconds), "0.000")} s for {rows} rows x 30 features, 200 trees depth 6 (target <= 5 s)");
        return Task.FromResult(0);
    }
}
