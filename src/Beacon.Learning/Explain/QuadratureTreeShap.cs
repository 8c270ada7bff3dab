using System.Runtime.Intrinsics;
using Beacon.Learning.Boosting;

namespace Beacon.Learning.Explain;

/// <summary>
/// The same path-dependent TreeSHAP values as <see cref="TreeShap"/>, in O(nodes) instead of O(leaves · depth²).
/// For a leaf l with unique path features U, cover fractions z and indicators o (x satisfies the path's tests on
/// that feature), the Shapley weights are Beta integrals, so feature i receives
/// v_l · (o_i − z_i) · ∫₀¹ Π_{j∈U∖i} (z_j(1−t) + o_j·t) dt (the idea behind Linear TreeShap, Yu et al. 2022).
/// The integrand is a polynomial of degree &lt; depth, so 4-point Gauss–Legendre quadrature is exact up to depth 8;
/// the four points sit in one 256-bit vector. A forward pass over each tree (preorder) pushes the products G down; a
/// backward pass pulls leaf sums H up and credits each edge with the leaves whose last split on its feature it is.
/// </summary>
internal static class QuadratureTreeShap
{
    public const int MaxDepth = 8;

    /// <summary>Scratch lives on the stack; bigger trees use <see cref="TreeShap"/>.</summary>
    public const int MaxTreeNodes = 512;

    // Gauss–Legendre on [0, 1]: t = (x + 1) / 2, ω = w / 2.
    internal static readonly Vector256<double> T = Vector256.Create(
        (1 - 0.8611363115940525752) / 2, (1 - 0.3399810435848562648) / 2, (1 + 0.3399810435848562648) / 2, (1 + 0.8611363115940525752) / 2);

    internal static readonly Vector256<double> OneMinusT = Vector256<double>.One - T;

    private static readonly Vector256<double> Omega = Vector256.Create(
        0.3478548451374538574 / 2, 0.6521451548625461427 / 2, 0.6521451548625461427 / 2, 0.3478548451374538574 / 2);

    /// <summary>Writes the contributions into <paramref name="phi"/> and returns the bias.</summary>
    public static double Explain(TreeEnsemble m, ShapTables tables, ReadOnlySpan<double> row, Span<double> phi)
    {
        phi.Clear();
        var size = tables.MaxTreeNodes + 1;
        Span<Vector256<double>> scratch = stackalloc Vector256<double>[4 * size];
        Span<double> o = stackalloc double[size];
        Span<double> hotLeft = stackalloc double[size];
        var g = scratch[..size];
        var h = scratch.Slice(size, size);
        var sub = scratch.Slice(2 * size, size);
        var r = scratch.Slice(3 * size, size);
        o[size - 1] = 1;
        r[size - 1] = Vector256<double>.One;
        var bias = m.BaseScore;
        for (var t = 0; t < m.TreeCount; t++)
        {
            var start = tables.TreeStart[t];
            var count = tables.TreeStart[t + 1] - start;
            Decide(m, tables, row, t, hotLeft);
            Forward(tables, start, count, g, h, sub, r, o, hotLeft);
            Backward(tables, phi, start, count, g, h, sub, r, o);
            bias += m.ExpectedValues[t];
        }

        return bias;
    }

    // Which way x goes at every internal node: numeric tests without branches, categorical ones through the tree.
    private static void Decide(TreeEnsemble m, ShapTables tables, ReadOnlySpan<double> row, int tree, Span<double> hotLeft)
    {
        var splits = tables.Splits.AsSpan(tables.SplitStart[tree], tables.SplitStart[tree + 1] - tables.SplitStart[tree]);
        foreach (ref readonly var s in splits)
        {
            var x = row[s.Feature];
            var left = (x <= s.Threshold) | (double.IsNaN(x) & s.MissingLeft);
            if (s.Categorical)
            {
                left = m.GoesLeft(s.Node, x);
            }

            hotLeft[s.Position] = left ? 1 : 0;
        }
    }

    // Branch-free where x decides (o = 0 or 1): those branches would mispredict half the time.
    private static void Forward(ShapTables tables, int start, int count, Span<Vector256<double>> g, Span<Vector256<double>> h,
        Span<Vector256<double>> sub, Span<Vector256<double>> r, Span<double> o, Span<double> hotLeft)
    {
        var edges = tables.Edges.AsSpan(start, count);
        g[0] = Vector256<double>.One;
        o[0] = 1;
        h[0] = Vector256<double>.Zero;
        sub[0] = Vector256<double>.Zero;

        // Siblings share the parent and its feature's previous factor: handle them as a pair.
        for (var p = 1; p < edges.Length; p += 2)
        {
            ref readonly var left = ref edges[p];
            ref readonly var right = ref edges[p + 1];
            var same = left.SameFeatureEdge;
            var oPrev = o[same];
            var gBase = g[left.Parent] * r[same];
            var oLeft = oPrev * hotLeft[left.Parent];
            var oRight = oPrev - oLeft;
            o[p] = oLeft;
            o[p + 1] = oRight;
            var factorLeft = (OneMinusT * left.Z) + (T * oLeft);
            var factorRight = (OneMinusT * right.Z) + (T * oRight);
            // One division serves both siblings: 1/a = b/(ab), 1/b = a/(ab).
            var inverse = Vector256<double>.One / (factorLeft * factorRight);
            r[p] = factorRight * inverse;
            r[p + 1] = factorLeft * inverse;
            g[p] = gBase * factorLeft;
            g[p + 1] = gBase * factorRight;

            // Leaves must start with h = 0 and every edge with an empty sum of deeper same-feature subtrees.
            h[p] = Vector256<double>.Zero;
            h[p + 1] = Vector256<double>.Zero;
            sub[p] = Vector256<double>.Zero;
            sub[p + 1] = Vector256<double>.Zero;
        }
    }

    private static void Backward(ShapTables tables, Span<double> phi, int start, int count, Span<Vector256<double>> g,
        Span<Vector256<double>> h, Span<Vector256<double>> sub, Span<Vector256<double>> r, Span<double> o)
    {
        var edges = tables.Edges.AsSpan(start, count);
        for (var p = edges.Length - 2; p > 0; p -= 2)
        {
            ref readonly var left = ref edges[p];
            ref readonly var right = ref edges[p + 1];

            // Leaves have h = 0 and internal nodes value 0, so one expression covers both without a branch.
            var hLeft = h[p] + (g[p] * left.Value);
            var hRight = h[p + 1] + (g[p + 1] * right.Value);
            var credit = (r[p] * (hLeft - sub[p]) * (o[p] - left.Z)) + (r[p + 1] * (hRight - sub[p + 1]) * (o[p + 1] - right.Z));
            phi[left.ParentFeature] += Vector256.Sum(Omega * credit);
            var total = hLeft + hRight;
            h[left.Parent] = total;

            // Leaves under the parent take their factor for this feature from the parent's split, so the nearest
            // ancestor edge on the same feature must not credit them again (the spare slot absorbs "none").
            sub[left.SameFeatureEdge] += total;
        }
    }
}
