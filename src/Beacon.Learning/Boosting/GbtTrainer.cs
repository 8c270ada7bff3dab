using Beacon.Learning.Data;

namespace Beacon.Learning.Boosting;

/// <summary>What training did: the trees kept and the validation curve that chose them.</summary>
public sealed record GbtTrainingResult(TreeEnsemble Model, int BestIteration, IReadOnlyList<double> ValidationLogLoss);

/// <summary>Trains histogram gradient-boosted trees for binary log-loss. Same data, options and seed → same model.</summary>
public static class GbtTrainer
{
    public static TreeEnsemble Train(Dataset train, GbtOptions options, Dataset? validation = null,
        CancellationToken cancellationToken = default) =>
        TrainWithReport(train, options, validation, cancellationToken).Model;

    public static GbtTrainingResult TrainWithReport(Dataset train, GbtOptions options, Dataset? validation = null,
        CancellationToken cancellationToken = default)
    {
        options.Validate();
        var n = train.RowCount;
        var y = train.Labels;
        var binned = BinnedData.Build(train, options);
        double mean = 0;
        foreach (var v in y)
        {
            mean += v;
        }

        var baseScore = Sigmoid.Logit(mean / Math.Max(1, n));
        var raw = new double[n];
        Array.Fill(raw, baseScore);
        var grad = new double[n];
        var hess = new double[n];
        var rows = new int[n];
        var rng = new Random(options.Seed);
        var grower = new TreeGrower(binned, options);
        var builder = new EnsembleBuilder(train.FeatureCount, baseScore);
        var valid = validation is null ? null : new ValidationTracker(validation, baseScore);
        var allFeatures = Enumerable.Range(0, train.FeatureCount).ToArray();
        var bestIteration = 0;
        var sinceBest = 0;
        for (var iter = 0; iter < options.Iterations; iter++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (var i = 0; i < n; i++)
            {
                var p = Sigmoid.Of(raw[i]);
                grad[i] = p - y[i];
                hess[i] = Math.Max(p * (1 - p), 1e-16);
            }

            var count = Sampling.Rows(rng, n, options.RowSubsample, rows);
            var features = Sampling.Features(rng, allFeatures, options.FeatureSubsample);
            var nodes = grower.Grow(rows, count, grad, hess, features);
            Finalize(nodes, binned);
            UpdateScores(raw, rows, count, nodes, grower, binned);

            builder.Add(nodes);
            if (valid is null)
            {
                bestIteration = iter + 1;
                continue;
            }

            if (valid.AddTree(nodes))
            {
                bestIteration = iter + 1;
                sinceBest = 0;
            }
            else if (options.EarlyStoppingRounds > 0 && ++sinceBest >= options.EarlyStoppingRounds)
            {
                break;
            }
        }

        builder.Truncate(Math.Max(1, bestIteration));
        return new GbtTrainingResult(builder.Build(), Math.Max(1, bestIteration), valid?.History ?? []);
    }

    /// <summary>Adds the new tree to every training row's score: sampled rows by their leaf segment, the rest by walking.</summary>
    private static void UpdateScores(double[] raw, int[] rows, int count, List<TreeNode> nodes, TreeGrower grower, BinnedData binned)
    {
        var done = count == raw.Length ? null : new bool[raw.Length];
        foreach (var (node, start, length) in grower.LeafSegments)
        {
            var v = nodes[node].Value;
            for (var i = start; i < start + length; i++)
            {
                raw[rows[i]] += v;
                if (done is not null)
                {
                    done[rows[i]] = true;
                }
            }
        }

        if (done is null)
        {
            return;
        }

        for (var r = 0; r < raw.Length; r++)
        {
            if (!done[r])
            {
                raw[r] += nodes[LeafInBins(nodes, binned, r)].Value;
            }
        }
    }

    private static int LeafInBins(List<TreeNode> nodes, BinnedData binned, int row)
    {
        var k = 0;
        while (!nodes[k].IsLeaf)
        {
            var split = nodes[k].Split!;
            k = split.GoesLeft(binned.Columns[split.Feature][row]) ? nodes[k].Left : nodes[k].Right;
        }

        return k;
    }

    /// <summary>Turns bin-space splits into raw thresholds and category-code sets for prediction.</summary>
    private static void Finalize(List<TreeNode> nodes, BinnedData binned)
    {
        foreach (var node in nodes)
        {
            if (node.Split is not { } split)
            {
                continue;
            }

            var bins = binned.Bins[split.Feature];
            node.MissingLeft = split.GoesLeft(0);
            node.IsCategorical = split.IsCategorical;
            if (!split.IsCategorical)
            {
                node.Threshold = bins.UpperBounds[split.SplitBin - 1];
                continue;
            }

            var codes = bins.CodeToBin.Length;
            var bits = new ulong[(codes + 63) / 64];
            for (var c = 0; c < codes; c++)
            {
                if (split.GoesLeft((byte)bins.CodeToBin[c]))
                {
                    bits[c >> 6] |= 1UL << (c & 63);
                }
            }

            node.CodeCount = codes;
            node.LeftCodes = bits;
        }
    }
}
