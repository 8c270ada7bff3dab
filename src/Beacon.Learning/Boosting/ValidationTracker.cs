using Beacon.Learning.Data;

namespace Beacon.Learning.Boosting;

/// <summary>Keeps the validation rows' raw scores up to date tree by tree and reports whether log loss improved.</summary>
internal sealed class ValidationTracker
{
    private readonly Dataset _data;
    private readonly double[] _raw;
    private double _best = double.PositiveInfinity;

    public ValidationTracker(Dataset data, double baseScore)
    {
        _data = data;
        _raw = new double[data.RowCount];
        Array.Fill(_raw, baseScore);
    }

    public List<double> History { get; } = [];

    public bool AddTree(List<TreeNode> nodes)
    {
        double loss = 0;
        for (var r = 0; r < _raw.Length; r++)
        {
            var k = 0;
            while (!nodes[k].IsLeaf)
            {
                var node = nodes[k];
                k = GoesLeft(node, _data.Columns[node.Feature][r]) ? node.Left : node.Right;
            }

            _raw[r] += nodes[k].Value;
            var p = Math.Clamp(Sigmoid.Of(_raw[r]), 1e-15, 1 - 1e-15);
            loss -= _data.Labels[r] > 0.5 ? Math.Log(p) : Math.Log(1 - p);
        }

        loss /= Math.Max(1, _raw.Length);
        History.Add(loss);
        if (loss < _best - 1e-9)
        {
            _best = loss;
            return true;
        }

        return false;
    }

    private static bool GoesLeft(TreeNode node, double x)
    {
        if (double.IsNaN(x))
        {
            return node.MissingLeft;
        }

        if (!node.IsCategorical)
        {
            return x <= node.Threshold;
        }

        var code = FeatureBins.ClampCode(x, node.CodeCount - 1);
        return (node.LeftCodes[code >> 6] & (1UL << (code & 63))) != 0;
    }
}
