using Beacon.Learning.Boosting;
using Beacon.Learning.Data;
using Microsoft.ML.Trainers.FastTree;

namespace Beacon.Learning.LightGbm;

/// <summary>
/// Rewrites ML.NET's LightGBM trees (over one-hot float columns) as Beacon's trees over the encoded features: a numeric
/// split keeps its threshold (as the equivalent double) and sends missing left as the sentinel did; a one-hot split
/// becomes "this category against the rest". Covers, which ML.NET does not expose, are the training rows reaching each
/// node (plus a tiny weight per leaf, so no node is empty); TreeSHAP weighs by them exactly as for Beacon's trees.
/// </summary>
internal static class TreeConverter
{
    private const double LeafEpsilon = 1e-6;

    public static TreeEnsemble Convert(RegressionTreeEnsemble trees, OneHotLayout layout, Dataset fit)
    {
        var builder = new EnsembleBuilder(fit.FeatureCount, trees.Bias);
        var row = new double[fit.FeatureCount];
        for (var t = 0; t < trees.Trees.Count; t++)
        {
            var tree = trees.Trees[t];
            var nodes = new List<TreeNode>();
            if (tree.NumberOfNodes == 0)
            {
                nodes.Add(new TreeNode { Value = tree.LeafValues[0] * trees.TreeWeights[t] });
            }
            else
            {
                Add(tree, trees.TreeWeights[t], 0, layout, fit.Schema, nodes);
            }

            var counts = new double[nodes.Count];
            for (var i = 0; i < fit.RowCount; i++)
            {
                fit.CopyRow(i, row);
                counts[LeafOf(nodes, row)]++;
            }

            Cover(nodes, 0, counts);
            builder.Add(nodes);
        }

        return builder.Build();
    }

    private static int Add(RegressionTree tree, double weight, int mlNode, OneHotLayout layout, FeatureSchema schema, List<TreeNode> nodes)
    {
        var node = new TreeNode();
        var index = nodes.Count;
        nodes.Add(node);
        if (mlNode < 0)
        {
            node.Value = tree.LeafValues[~mlNode] * weight;
            return index;
        }

        if (tree.CategoricalSplitFlags[mlNode])
        {
            throw new InvalidOperationException("LightGBM made a categorical split although categorical splits are off.");
        }

        var column = tree.NumericalSplitFeatureIndexes[mlNode];
        var t = tree.NumericalSplitThresholds[mlNode];
        node.Feature = layout.Source[column];
        var code = layout.Code[column];
        if (code < 0)
        {
            node.Threshold = OneHotLayout.Threshold(t);
            node.MissingLeft = OneHotLayout.Missing <= t;
        }
        else
        {
            // One code is 1, every other code (and unseen, rare or missing ones) is 0 in this column.
            var leftIfOne = 1f <= t;
            var leftIfZero = 0f <= t;
            node.IsCategorical = true;
            node.CodeCount = schema.Features[node.Feature].Categories.Count + 1;
            node.LeftCodes = new ulong[(node.CodeCount + 63) / 64];
            for (var c = 0; c < node.CodeCount; c++)
            {
                if (c == code ? leftIfOne : leftIfZero)
                {
                    node.LeftCodes[c >> 6] |= 1UL << (c & 63);
                }
            }

            node.MissingLeft = leftIfZero;
        }

        node.Left = Add(tree, weight, tree.LeftChild[mlNode], layout, schema, nodes);
        node.Right = Add(tree, weight, tree.RightChild[mlNode], layout, schema, nodes);
        return index;
    }

    private static int LeafOf(List<TreeNode> nodes, double[] row)
    {
        var i = 0;
        while (!nodes[i].IsLeaf)
        {
            i = GoesLeft(nodes[i], row[nodes[i].Feature]) ? nodes[i].Left : nodes[i].Right;
        }

        return i;
    }

    // The same rule as TreeEnsemble.GoesLeft, on nodes before they are flattened.
    private static bool GoesLeft(TreeNode n, double x)
    {
        if (double.IsNaN(x))
        {
            return n.MissingLeft;
        }

        if (!n.IsCategorical)
        {
            return x <= n.Threshold;
        }

        var last = n.CodeCount - 1;
        var code = x >= 0 && x < last ? (int)x : last;
        return (n.LeftCodes[code >> 6] & (1UL << (code & 63))) != 0;
    }

    private static double Cover(List<TreeNode> nodes, int i, double[] counts)
    {
        var n = nodes[i];
        n.Cover = n.IsLeaf ? counts[i] + LeafEpsilon : Cover(nodes, n.Left, counts) + Cover(nodes, n.Right, counts);
        return n.Cover;
    }
}
