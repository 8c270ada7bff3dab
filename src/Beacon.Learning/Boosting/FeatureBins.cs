namespace Beacon.Learning.Boosting;

/// <summary>
/// How one feature maps to bins. Bin 0 always holds missing values. Numeric: value bins 1..n where bin k holds
/// values ≤ <see cref="UpperBounds"/>[k-1] (the last bin is unbounded). Categorical: each frequent category has its
/// own bin; rare and unseen categories share the last bin.
/// </summary>
internal sealed class FeatureBins
{
    private FeatureBins(int binCount, double[] upperBounds, int[] codeToBin)
    {
        BinCount = binCount;
        UpperBounds = upperBounds;
        CodeToBin = codeToBin;
    }

    public int BinCount { get; }

    public double[] UpperBounds { get; }

    /// <summary>Category code → bin; the extra last entry is the bin for unseen codes.</summary>
    public int[] CodeToBin { get; }

    public bool IsCategorical => CodeToBin.Length > 0;

    public static FeatureBins Numeric(ReadOnlySpan<double> values, int maxBins)
    {
        var present = new List<double>(values.Length);
        foreach (var v in values)
        {
            if (!double.IsNaN(v))
            {
                present.Add(v);
            }
        }

        present.Sort();
        var distinct = new List<double>();
        foreach (var v in present)
        {
            if (distinct.Count == 0 || distinct[^1] != v)
            {
                distinct.Add(v);
            }
        }

        var valueBins = maxBins - 1;
        var bounds = new List<double>();
        if (distinct.Count <= valueBins)
        {
            for (var i = 0; i + 1 < distinct.Count; i++)
            {
                bounds.Add((distinct[i] + distinct[i + 1]) / 2);
            }
        }
        else
        {
            // Quantile cuts, placed midway to the next larger value so equal values never straddle a bound.
            for (var q = 1; q < valueBins; q++)
            {
                var v = present[(int)((long)q * present.Count / valueBins)];
                var next = distinct.BinarySearch(v) + 1;
                if (next >= distinct.Count)
                {
                    break;
                }

                var cut = (v + distinct[next]) / 2;
                if (bounds.Count == 0 || cut > bounds[^1])
                {
                    bounds.Add(cut);
                }
            }
        }

        return new FeatureBins(bounds.Count + 2, [.. bounds], []);
    }

    public static FeatureBins Categorical(ReadOnlySpan<double> codes, int levels, int minCount)
    {
        var counts = new int[levels + 1];
        foreach (var v in codes)
        {
            if (!double.IsNaN(v))
            {
                counts[ClampCode(v, levels)]++;
            }
        }

        var codeToBin = new int[levels + 1];
        var next = 1;
        for (var c = 0; c < levels && next < 254; c++)
        {
            codeToBin[c] = counts[c] >= minCount ? next++ : -1;
        }

        var other = next;
        for (var c = 0; c <= levels; c++)
        {
            if (c == levels || codeToBin[c] <= 0)
            {
                codeToBin[c] = other;
            }
        }

        return new FeatureBins(other + 1, [], codeToBin);
    }

    public byte BinOf(double v)
    {
        if (double.IsNaN(v))
        {
            return 0;
        }

        if (IsCategorical)
        {
            return (byte)CodeToBin[ClampCode(v, CodeToBin.Length - 1)];
        }

        // Lower bound: first bound ≥ v.
        int lo = 0, hi = UpperBounds.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >> 1;
            if (UpperBounds[mid] < v)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return (byte)(lo + 1);
    }

    internal static int ClampCode(double v, int levels) => v >= 0 && v < levels ? (int)v : levels;
}
