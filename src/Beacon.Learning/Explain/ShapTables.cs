using System.Runtime.Intrinsics;
using Beacon.Learning.Boosting;

namespace Beacon.Learning.Explain;

/// <summary>
/// Per-node constants of <see cref="QuadratureTreeShap"/>, fixed by the trees alone. Each tree's nodes are listed
/// breadth-first with siblings side by side (left at an odd position, right just after), so parents come before
/// children and a whole level before the next. For every non-root position: its parent's position, the position of
/// the nearest ancestor edge on the same feature (the spare slot <see cref="MaxTreeNodes"/> if none), and the cover fraction z of its feature along
/// the path. Records are kept small (no per-node vectors) so a model's table stays in the L2 cache.
/// </summary>
internal sealed class ShapTables
{
    public required int[] TreeStart { get; init; }

    /// <summary>One record per tree position, packed so the walk reads one contiguous record per node.</summary>
    public required Edge[] Edges { get; init; }

    /// <summary>Each tree's internal nodes (the tests x must be compared with), in the same breadth-first order.</summary>
    public required Split[] Splits { get; init; }

    public required int[] SplitStart { get; init; }

    public int MaxTreeNodes { get; private init; }

    public static ShapTables Build(TreeEnsemble m)
    {
        var info = new (int Parent, int Same, double Z)[m.NodeCount];
        var edgeOfFeature = Enumerable.Repeat(-1, m.FeatureCount).ToArray();
        var start = new int[m.TreeCount + 1];
        var splitStart = new int[m.TreeCount + 1];
        var edges = new List<Edge>(m.NodeCount);
        var splits = new List<Split>(m.NodeCount / 2);
        var orders = m.TreeRoots.Select(root => BreadthFirst(m, root)).ToArray();
        // Edges without a same-feature ancestor point at one spare slot past the tree (o = 1, factor 1), which
        // keeps branches out of the walk.
        var none = orders.Max(o => o.Count);
        for (var t = 0; t < m.TreeCount; t++)
        {
            var root = m.TreeRoots[t];
            info[root] = (-1, -1, 1);
            Paths(m, root, edgeOfFeature, info);
            start[t] = edges.Count;
            splitStart[t] = splits.Count;
            var order = orders[t];
            var position = new Dictionary<int, int>(order.Count);
            for (var p = 0; p < order.Count; p++)
            {
                position[order[p]] = p;
            }

            foreach (var node in order)
            {
                var (parent, same, z) = info[node];
                var leaf = (m.Flags[node] & TreeEnsemble.LeafFlag) != 0;
                if (!leaf)
                {
                    splits.Add(new Split
                    {
                        Threshold = m.Threshold[node],
                        Feature = m.Feature[node],
                        Node = node,
                        Position = position[node],
                        Categorical = (m.Flags[node] & TreeEnsemble.CategoricalFlag) != 0,
                        MissingLeft = (m.Flags[node] & TreeEnsemble.MissingLeftFlag) != 0,
                    });
                }

                edges.Add(new Edge
                {
                    Z = z,
                    Value = leaf ? m.Value[node] : 0,
                    Parent = parent < 0 ? -1 : position[parent],
                    SameFeatureEdge = same < 0 ? none : position[same],
                    ParentFeature = parent < 0 ? -1 : m.Feature[parent],
                    IsLeft = parent >= 0 && m.Left[parent] == node,
                    IsLeaf = leaf,
                });
            }
        }

        start[m.TreeCount] = edges.Count;
        splitStart[m.TreeCount] = splits.Count;
        return new ShapTables
        {
            TreeStart = start,
            Edges = [.. edges],
            Splits = [.. splits],
            SplitStart = splitStart,
            MaxTreeNodes = none,
        };
    }

    // Depth-first: parent, nearest same-feature ancestor edge (as the node it leads to) and z of every node.
    private static void Paths(TreeEnsemble m, int node, int[] edgeOfFeature, (int Parent, int Same, double Z)[] info)
    {
        if ((m.Flags[node] & TreeEnsemble.LeafFlag) != 0)
        {
            return;
        }

        var f = m.Feature[node];
        var previous = edgeOfFeature[f];
        var zPrev = previous < 0 ? 1 : info[previous].Z;
        foreach (var child in (ReadOnlySpan<int>)[m.Left[node], m.Right[node]])
        {
            info[child] = (node, previous, zPrev * m.Cover[child] / m.Cover[node]);
            edgeOfFeature[f] = child;
            Paths(m, child, edgeOfFeature, info);
        }

        edgeOfFeature[f] = previous;
    }

    private static List<int> BreadthFirst(TreeEnsemble m, int root)
    {
        var order = new List<int> { root };
        for (var i = 0; i < order.Count; i++)
        {
            var node = order[i];
            if ((m.Flags[node] & TreeEnsemble.LeafFlag) == 0)
            {
                order.Add(m.Left[node]);
                order.Add(m.Right[node]);
            }
        }

        return order;
    }

    /// <summary>A tree position: the node, its edge from the parent and the edge's quadrature constants.</summary>
    internal struct Edge
    {
        public double Z;
        public double Value;
        public int Parent;
        public int SameFeatureEdge;
        public int ParentFeature;
        public bool IsLeft;
        public bool IsLeaf;
    }

    /// <summary>An internal node's test, copied from the tree so the walk streams through one small array.</summary>
    internal struct Split
    {
        public double Threshold;
        public int Feature;
        public int Node;
        public int Position;
        public bool Categorical;
        public bool MissingLeft;
    }
}
