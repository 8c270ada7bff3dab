using Beacon.Learning.Evaluation;

namespace Beacon.Bench.Learning;

/// <summary>
/// Runs the library's evaluation command until Beacon.Server wires <c>./beacon model eval</c>; the arguments are the
/// same (see docs/learning-evaluation.md).
/// </summary>
internal sealed class ModelEvalBenchmark : IBenchmark
{
    public string Name => "model eval";

    public string Description => "train + evaluate on a CSV: --csv FILE --target COL [--split holdout|temporal|cv5] ...";

    public Task<int> RunAsync(string[] args, CancellationToken cancellationToken) =>
        ModelEvalCommand.RunAsync(args, Console.Out, cancellationToken, new Beacon.Learning.LightGbm.LightGbmTrainer());
}
