using Beacon.Learning.Boosting;

namespace Beacon.Learning.Explain;

/// <summary>
/// Path-dependent TreeSHAP (Lundberg, Erion and Lee, "Consistent individualized feature attribution for tree
/// ensembles", Algorithm 2): exact Shapley values of the raw log-odds, using each node's training cover as the
/// background distribution. Works on the stack only; allocates nothing per row.
/// </summary>
internal static class TreeShap
{
    /// <summary>Adds every tree's contributions to <paramref name="phi"/> (length = feature count) and returns the bias.</summary>
    public static double Explain(TreeEnsemble model, ReadOnlySpan<double> row, Span<double> phi)
    {
        phi.Clear();
        var depth = model.MaxDepth + 2;
        var size = depth * (depth + 1) / 2;
        Span<PathElement> path = size <= 512 ? stackalloc PathElement[size] : new PathElement[size];
        var bias = model.BaseScore;
        for (var t = 0; t < model.TreeRoots.Length; t++)
        {
            Recurse(model, row, phi, model.TreeRoots[t], path, 0, 1, 1, -1);
            bias += model.ExpectedValues[t];
        }

        return bias;
    }

    private static void Recurse(TreeEnsemble m, ReadOnlySpan<double> row, Span<double> phi, int node,
        Span<PathElement> parentPath, int uniqueDepth, double zeroFraction, double oneFraction, int featureIndex)
    {
        // Each level works on its own copy of the path, placed right after the parent's.
        var path = parentPath[(uniqueDepth + 1)..];
        parentPath[..(uniqueDepth + 1)].CopyTo(path);
        Extend(path, uniqueDepth, zeroFraction, oneFraction, featureIndex);

        if ((m.Flags[node] & TreeEnsemble.LeafFlag) != 0)
        {
            var v = m.Value[node];
            for (var i = 1; i <= uniqueDepth; i++)
            {
                var w = UnwoundPathSum(path, uniqueDepth, i);
                ref var el = ref path[i];
                phi[el.Feature] += w * (el.OneFraction - el.ZeroFraction) * v;
            }

            return;
        }

        var split = m.Feature[node];
        var left = m.Left[node];
        var right = m.Right[node];
        var hot = m.GoesLeft(node, row[split]) ? left : right;
        var cold = hot == left ? right : left;
        var cover = m.Cover[node];
        double incomingZero = 1, incomingOne = 1;

        // A feature already on the path is undone and redone here, so each feature appears once.
        var k = 0;
        while (k <= uniqueDepth && path[k].Feature != split)
        {
            k++;
        }

        if (k <= uniqueDepth)
        {
            incomingZero = path[k].ZeroFraction;
            incomingOne = path[k].OneFraction;
            Unwind(path, uniqueDepth, k);
            uniqueDepth--;
        }

        Recurse(m, row, phi, hot, path, uniqueDepth + 1, m.Cover[hot] / cover * incomingZero, incomingOne, split);
        Recurse(m, row, phi, cold, path, uniqueDepth + 1, m.Cover[cold] / cover * incomingZero, 0, split);
    }

    private static void Extend(Span<PathElement> path, int d, double zero, double one, int feature)
    {
        path[d] = new PathElement(feature, zero, one, d == 0 ? 1 : 0);
        for (var i = d - 1; i >= 0; i--)
        {
            path[i + 1].Weight += one * path[i].Weight * (i + 1) / (d + 1);
            path[i].Weight = zero * path[i].Weight * (d - i) / (d + 1);
        }
    }

    private static void Unwind(Span<PathElement> path, int d, int index)
    {
        var one = path[index].OneFraction;
        var zero = path[index].ZeroFraction;
        var next = path[d].Weight;
        for (var i = d - 1; i >= 0; i--)
        {
            if (one != 0)
            {
                var tmp = path[i].Weight;
                path[i].Weight = next * (d + 1) / ((i + 1) * one);
                next = tmp - (path[i].Weight * zero * (d - i) / (d + 1));
            }
            else
            {
                path[i].Weight = path[i].Weight * (d + 1) / (zero * (d - i));
            }
        }

        for (var i = index; i < d; i++)
        {
            path[i].Feature = path[i + 1].Feature;
            path[i].ZeroFraction = path[i + 1].ZeroFraction;
            path[i].OneFraction = path[i + 1].OneFraction;
        }
    }

    private static double UnwoundPathSum(Span<PathElement> path, int d, int index)
    {
        var one = path[index].OneFraction;
        var zero = path[index].ZeroFraction;
        var next = path[d].Weight;
        double total = 0;
        for (var i = d - 1; i >= 0; i--)
        {
            if (one != 0)
            {
                var tmp = next * (d + 1) / ((i + 1) * one);
                total += tmp;
                next = path[i].Weight - (tmp * zero * (d - i) / (d + 1));
            }
            else if (zero != 0)
            {
                total += path[i].Weight / zero / ((double)(d - i) / (d + 1));
            }
        }

        return total;
    }

    private struct PathElement(int feature, double zero, double one, double weight)
    {
        public int Feature = feature;
        public double ZeroFraction = zero;
        public double OneFraction = one;
        public double Weight = weight;
    }
}
