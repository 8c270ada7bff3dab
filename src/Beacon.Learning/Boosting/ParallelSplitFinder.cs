namespace Beacon.Learning.Boosting;

/// <summary>
/// Runs <see cref="SplitFinder"/> on fixed halves of the features in parallel and keeps the earlier half's split on
/// equal gain, which is exactly what one sequential scan would choose.
/// </summary>
internal sealed class ParallelSplitFinder
{
    private readonly SplitFinder[] _finders;
    private readonly SplitCandidate[] _results;
    private readonly int _threads;
    private int[]? _features;
    private int[][] _parts = [];

    public ParallelSplitFinder(BinnedData data, GbtOptions options)
    {
        _threads = Math.Clamp(options.Threads, 1, 2);
        _finders = [.. Enumerable.Range(0, _threads).Select(_ => new SplitFinder(data, options))];
        _results = [.. Enumerable.Range(0, _threads).Select(_ => new SplitCandidate())];
    }

    public void FindBest(double[] hist, int[] features, double g, double h, double n, SplitCandidate best)
    {
        if (_threads == 1 || features.Length < 8)
        {
            _finders[0].FindBest(hist, features, g, h, n, best);
            return;
        }

        // The feature list is fixed for a whole tree, so split it once per tree.
        if (!ReferenceEquals(features, _features))
        {
            var half = features.Length / 2;
            _parts = [features[..half], features[half..]];
            _features = features;
        }

        var parts = _parts;
        Parallel.For(0, 2, new ParallelOptions { MaxDegreeOfParallelism = 2 },
            k => _finders[k].FindBest(hist, parts[k], g, h, n, _results[k]));
        best.CopyFrom(_results[0]);
        if (_results[1].IsValid && (!best.IsValid || _results[1].Gain > best.Gain))
        {
            best.CopyFrom(_results[1]);
        }
    }
}
