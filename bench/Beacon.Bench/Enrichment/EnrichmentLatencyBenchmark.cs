using Beacon.Bench.Platform;
using static Beacon.Bench.Platform.BenchArgs;

namespace Beacon.Enrichment.Bench;

/// <summary>Bar: p99 from POST to all providers complete ≤ 1 s at 100 leads/s, sandbox latencies 50–200 ms.</summary>
internal sealed class EnrichmentLatencyBenchmark : Beacon.Bench.IBenchmark
{
    public string Name => "enrichment latency";

    public string Description => "time from POST /api/v1/leads to every provider step final (--rate 100 --seconds 20)";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var a = new BenchArgs(args);
        var latency = a.Value("--latency") ?? "50-200";
        var result = await Beacon.Bench.Enrichment.EnrichmentRun.RunAsync(a,
        [
            $"--Sandbox:Property:LatencyMs={latency}", $"--Sandbox:Person:LatencyMs={latency}", $"--Sandbox:Credit:LatencyMs={latency}",
            $"--Sandbox:Person:ColdModulus={a.Int("--cold-modulus", 0)}",
        ], cancellationToken);
        Console.WriteLine($"leads {result.Leads}, unfinished after drain {result.Unfinished}");
        Console.WriteLine($"POST → all providers final: {result.Enriched}");
        Console.WriteLine($"POST → first lead.scored: {result.Scored}");
        Console.WriteLine($"figure: enrichment p99 {F(result.Enriched.P99, "0")} ms (bar ≤ 1000 ms); load average {LoadAverage()}");
        return 0;
    }
}
