namespace Beacon.Learning.Boosting;

/// <summary>
/// Grows one tree leaf-wise (best gain first) up to MaxLeaves and MaxDepth. Each leaf owns a contiguous segment of
/// the row index; a split partitions it in place, builds the smaller child's histogram and derives the larger one
/// by subtraction.
/// </summary>
internal sealed class TreeGrower
{
    private readonly BinnedData _data;
    private readonly GbtOptions _options;
    private readonly ParallelSplitFinder _finder;
    private readonly double[] _orderedGrad;
    private readonly double[] _orderedHess;
    private readonly int[] _scratch;
    private readonly Stack<double[]> _pool = new();

    public TreeGrower(BinnedData data, GbtOptions options)
    {
        _data = data;
        _options = options;
        _finder = new ParallelSplitFinder(data, options);
        _orderedGrad = new double[data.RowCount];
        _orderedHess = new double[data.RowCount];
        _scratch = new int[data.RowCount];
    }

    /// <summary>After <see cref="Grow"/>: each leaf's node index and its segment of the row index.</summary>
    public List<(int Node, int Start, int Count)> LeafSegments { get; } = [];

    /// <summary>Grows a tree on rows[0..count) and returns its nodes (root first); leaf values include the learning rate.</summary>
    public List<TreeNode> Grow(int[] rows, int count, double[] grad, double[] hess, int[] features)
    {
        var nodes = new List<TreeNode>();
        var open = new List<Leaf>();
        var root = NewLeaf(nodes, rows, 0, count, 0, grad, hess, features, null);
        open.Add(root);
        var leaves = 1;
        while (leaves < _options.MaxLeaves)
        {
            var pick = -1;
            for (var i = 0; i < open.Count; i++)
            {
                if (open[i].Split.IsValid && (pick < 0 || open[i].Split.Gain > open[pick].Split.Gain))
                {
                    pick = i;
                }
            }

            if (pick < 0)
            {
                break;
            }

            var leaf = open[pick];
            open.RemoveAt(pick);
            var leftCount = Partition(rows, leaf.Start, leaf.Count, leaf.Split);
            var rightCount = leaf.Count - leftCount;
            var smallIsLeft = leftCount <= rightCount;
            var small = NewLeaf(nodes, rows, smallIsLeft ? leaf.Start : leaf.Start + leftCount,
                smallIsLeft ? leftCount : rightCount, leaf.Depth + 1, grad, hess, features, null);
            Histogram.SubtractInto(leaf.Hist, small.Hist, features, _data);
            var large = NewLeaf(nodes, rows, smallIsLeft ? leaf.Start + leftCount : leaf.Start,
                smallIsLeft ? rightCount : leftCount, leaf.Depth + 1, grad, hess, features, leaf.Hist);
            var node = nodes[leaf.Node];
            node.Split = leaf.Split;
            node.Feature = leaf.Split.Feature;
            node.Left = smallIsLeft ? small.Node : large.Node;
            node.Right = smallIsLeft ? large.Node : small.Node;
            open.Add(small);
            open.Add(large);
            leaves++;
        }

        LeafSegments.Clear();
        foreach (var l in open)
        {
            _pool.Push(l.Hist);
            LeafSegments.Add((l.Node, l.Start, l.Count));
        }

        return nodes;
    }

    private Leaf NewLeaf(List<TreeNode> nodes, int[] rows, int start, int count, int depth, double[] grad,
        double[] hess, int[] features, double[]? hist)
    {
        if (hist is null)
        {
            hist = _pool.Count > 0 ? _pool.Pop() : new double[_data.TotalBins * Histogram.Stride];
            Histogram.Build(_data, rows, start, count, grad, hess, hist, _orderedGrad, _orderedHess, features, _options.Threads);
        }

        double g = 0, h = 0;
        for (var i = start; i < start + count; i++)
        {
            g += grad[rows[i]];
            h += hess[rows[i]];
        }

        var node = new TreeNode { Value = -g / (h + _options.L2) * _options.LearningRate, Cover = count };
        nodes.Add(node);
        var split = new SplitCandidate();
        if (depth < _options.MaxDepth && count >= 2 * _options.MinSamplesLeaf)
        {
            _finder.FindBest(hist, features, g, h, count, split);
        }

        return new Leaf(nodes.Count - 1, start, count, depth, hist, split);
    }

    /// <summary>Stable partition: rows going left first. Returns the left count.</summary>
    private int Partition(int[] rows, int start, int count, SplitCandidate split)
    {
        var col = _data.Columns[split.Feature];
        var l = 0;
        var r = 0;
        for (var i = start; i < start + count; i++)
        {
            var row = rows[i];
            if (split.GoesLeft(col[row]))
            {
                rows[start + l++] = row;
            }
            else
            {
                _scratch[r++] = row;
            }
        }

        Array.Copy(_scratch, 0, rows, start + l, r);
        return l;
    }

    private sealed record Leaf(int Node, int Start, int Count, int Depth, double[] Hist, SplitCandidate Split);
}
