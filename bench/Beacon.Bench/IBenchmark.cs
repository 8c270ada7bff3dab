namespace Beacon.Bench;

/// <summary>
/// One named benchmark, found by reflection so that each module adds its own file without touching Program.cs.
/// <see cref="Name"/> is what follows <c>./beacon bench</c>, e.g. <c>identity login</c> or <c>scoring predict</c>.
/// </summary>
internal interface IBenchmark
{
    string Name { get; }

    string Description { get; }

    Task<int> RunAsync(string[] args, CancellationToken cancellationToken);
}
