using Beacon.Bench.Platform;

namespace Beacon.Bench.Faults;

/// <summary>One fault of <c>./beacon bench faults</c>: it builds its own stack (a fresh database), injects the fault
/// under load and records figures and checks in the report.</summary>
internal interface IFaultScenario
{
    string Name { get; }

    string Description { get; }

    Task RunAsync(BenchArgs args, FaultReport report, CancellationToken ct);
}
