using Beacon.Bench.Platform;
using static Beacon.Bench.Platform.BenchArgs;

namespace Beacon.Enrichment.Bench;

/// <summary>Bar: with one provider in outage for the whole run, p99 time to score is within 10 % of a run without.</summary>
internal sealed class EnrichmentOutageBenchmark : Beacon.Bench.IBenchmark
{
    public string Name => "enrichment outage";

    public string Description => "p99 time to first score, no outage vs --provider (property) down for the whole run";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var a = new BenchArgs(args);
        var provider = a.Value("--provider") ?? "Property";
        var mode = a.Value("--mode") ?? "Unavailable";
        string[] common = ["--Sandbox:Property:LatencyMs=50-200", "--Sandbox:Person:LatencyMs=50-200", "--Sandbox:Person:ColdModulus=0"];
        var healthy = await Beacon.Bench.Enrichment.EnrichmentRun.RunAsync(a, common, cancellationToken);
        Console.WriteLine($"healthy: POST → first lead.scored: {healthy.Scored}");
        var outage = await Beacon.Bench.Enrichment.EnrichmentRun.RunAsync(a, [.. common, $"--Sandbox:{provider}:Outage={mode}"], cancellationToken);
        Console.WriteLine($"{provider} {mode}: POST → first lead.scored: {outage.Scored}");
        var change = (outage.Scored.P99 - healthy.Scored.P99) / healthy.Scored.P99 * 100;
        Console.WriteLine($"figure: p99 time to score {F(healthy.Scored.P99, "0")} ms → {F(outage.Scored.P99, "0")} ms " +
                          $"({F(change, "+0.0;-0.0")} %, bar within 10 %); load average {LoadAverage()}");
        return 0;
    }
}
