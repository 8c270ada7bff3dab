using Beacon.Learning.Boosting;

namespace Beacon.Bench.Learning;

internal static class BenchModels
{
    /// <summary>200 trees of depth ≤ 6 (up to 64 leaves), no early stopping: the speed targets' model shape.</summary>
    public static GbtOptions Options { get; } = new()
    {
        Iterations = 200,
        MaxDepth = 6,
        MaxLeaves = 64,
        LearningRate = 0.1,
        MinSamplesLeaf = 20,
        EarlyStoppingRounds = 0,
        Seed = 42,
    };
}
