using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Beacon.Learning.Boosting;

/// <summary>
/// Gradient, hessian and count per bin for every feature, interleaved (g, h, n, unused) so that one bin is updated
/// with a single 256-bit add.
/// </summary>
internal static class Histogram
{
    public const int Stride = 4;

    public static void Build(BinnedData data, int[] rows, int start, int count, double[] grad, double[] hess,
        double[] hist, double[] orderedGrad, double[] orderedHess, int[] features, int threads)
    {
        Array.Clear(hist);
        for (var i = 0; i < count; i++)
        {
            orderedGrad[i] = grad[rows[start + i]];
            orderedHess[i] = hess[rows[start + i]];
        }

        // Features are split into fixed groups, one per thread; each group walks the rows and updates its features'
        // bins. Updates for different features of one row are independent, which keeps the CPU pipeline full, and
        // each cell is written by one thread only, so the sums do not depend on scheduling.
        var groups = threads > 1 && count * features.Length > 20_000 ? Math.Min(threads, features.Length) : 1;
        void Group(int gIndex)
        {
            var from = features.Length * gIndex / groups;
            var to = features.Length * (gIndex + 1) / groups;
            Span<int> featureIndex = stackalloc int[to - from];
            Span<int> offsets = stackalloc int[to - from];
            for (var k = from; k < to; k++)
            {
                featureIndex[k - from] = features[k];
                offsets[k - from] = data.HistOffset[features[k]] * Stride;
            }

            var width = data.FeatureCount;
            ref var h = ref MemoryMarshal.GetArrayDataReference(hist);
            ref var bins = ref MemoryMarshal.GetArrayDataReference(data.RowMajor);
            for (var i = 0; i < count; i++)
            {
                var add = Vector256.Create(orderedGrad[i], orderedHess[i], 1.0, 0.0);
                ref var row = ref Unsafe.Add(ref bins, rows[start + i] * width);
                for (var k = 0; k < featureIndex.Length; k++)
                {
                    // Valid by construction (bin < bin count of the feature), so no bounds checks in the hot loop.
                    ref var cell = ref Unsafe.Add(ref h, offsets[k] + (Unsafe.Add(ref row, featureIndex[k]) * Stride));
                    ref var v = ref Unsafe.As<double, Vector256<double>>(ref cell);
                    v += add;
                }
            }
        }

        if (groups > 1)
        {
            Parallel.For(0, groups, new ParallelOptions { MaxDegreeOfParallelism = groups }, Group);
        }
        else
        {
            Group(0);
        }
    }

    /// <summary>larger = parent − smaller, in place into <paramref name="parent"/>.</summary>
    public static void SubtractInto(double[] parent, double[] smaller, int[] features, BinnedData data)
    {
        foreach (var f in features)
        {
            var start = data.HistOffset[f] * Stride;
            var end = data.HistOffset[f + 1] * Stride;
            for (var i = start; i < end; i++)
            {
                parent[i] -= smaller[i];
            }
        }
    }
}
