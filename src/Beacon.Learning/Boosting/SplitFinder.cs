namespace Beacon.Learning.Boosting;

/// <summary>Finds the best split of one leaf from its histogram.</summary>
internal sealed class SplitFinder(BinnedData data, GbtOptions options)
{
    private const int S = Histogram.Stride;
    private readonly int[] _order = new int[256];
    private readonly double[] _orderKey = new double[256];

    public void FindBest(double[] hist, int[] features, double g, double h, double n, SplitCandidate best)
    {
        best.Feature = -1;
        best.Gain = options.MinSplitGain;
        foreach (var f in features)
        {
            if (data.Bins[f].IsCategorical)
            {
                Categorical(hist, f, g, h, n, best);
            }
            else
            {
                Numeric(hist, f, g, h, n, best);
            }
        }
    }

    private static double Score(double g, double h, double l2) => g * g / (h + l2);

    private bool Allowed(double hl, double nl, double hr, double nr) =>
        nl >= options.MinSamplesLeaf && nr >= options.MinSamplesLeaf &&
        hl >= options.MinChildWeight && hr >= options.MinChildWeight;

    // One pass over the value bins evaluates both homes for missing values; each direction keeps its own best so
    // ties resolve as in two separate scans (missing right first).
    private void Numeric(double[] hist, int f, double g, double h, double n, SplitCandidate best)
    {
        var off = data.HistOffset[f] * S;
        var bins = data.Bins[f].BinCount;
        var l2 = options.L2;
        var parent = Score(g, h, l2);
        double mg = hist[off], mh = hist[off + 1], mn = hist[off + 2];
        double bestRight = best.Gain, bestLeft = best.Gain;
        int binRight = -1, binLeft = -1;
        double gl = 0, hl = 0, nl = 0;
        for (var b = 1; b < bins - 1; b++)
        {
            var p = off + (b * S);
            gl += hist[p];
            hl += hist[p + 1];
            nl += hist[p + 2];
            if (hist[p + 2] == 0)
            {
                continue;
            }

            if (n - nl < options.MinSamplesLeaf)
            {
                break;
            }

            if (Allowed(hl, nl, h - hl, n - nl))
            {
                var gain = Score(gl, hl, l2) + Score(g - gl, h - hl, l2) - parent;
                if (gain > bestRight)
                {
                    bestRight = gain;
                    binRight = b;
                }
            }

            if (mn > 0 && Allowed(hl + mh, nl + mn, h - hl - mh, n - nl - mn))
            {
                var gain = Score(gl + mg, hl + mh, l2) + Score(g - gl - mg, h - hl - mh, l2) - parent;
                if (gain > bestLeft)
                {
                    bestLeft = gain;
                    binLeft = b;
                }
            }
        }

        if (binRight > 0 && bestRight > best.Gain)
        {
            Set(best, f, bestRight, binRight, missingLeft: false);
        }

        if (binLeft > 0 && bestLeft > best.Gain)
        {
            Set(best, f, bestLeft, binLeft, missingLeft: true);
        }
    }

    private static void Set(SplitCandidate best, int f, double gain, int bin, bool missingLeft)
    {
        best.Feature = f;
        best.Gain = gain;
        best.SplitBin = bin;
        best.MissingLeft = missingLeft;
        best.IsCategorical = false;
    }

    // LightGBM-style: order the categories by gradient/hessian and try every prefix from either end.
    private void Categorical(double[] hist, int f, double g, double h, double n, SplitCandidate best)
    {
        var off = data.HistOffset[f] * S;
        var bins = data.Bins[f].BinCount;
        var l2 = options.L2 + options.CategoryL2;
        var parent = Score(g, h, l2);
        var used = 0;
        for (var b = 0; b < bins; b++)
        {
            var p = off + (b * S);
            if (hist[p + 2] > 0)
            {
                _order[used] = b;
                _orderKey[used] = hist[p] / (hist[p + 1] + options.CategorySmoothing);
                used++;
            }
        }

        if (used < 2)
        {
            return;
        }

        if (used <= options.OneVsRestMaxCategories || options.MaxCategoriesPerSplit == 1)
        {
            // Like one-hot columns, single categories get the plain L2 (LightGBM adds cat_l2 only to sorted splits).
            OneVsRest(hist, f, off, used, g, h, n, options.L2, Score(g, h, options.L2), best);
            return;
        }

        Array.Sort(_orderKey, _order, 0, used);
        var maxTake = Math.Min(options.MaxCategoriesPerSplit, (used + 1) / 2);
        for (var dir = 0; dir < 2; dir++)
        {
            double gl = 0, hl = 0, nl = 0;
            for (var k = 0; k < Math.Min(maxTake, used - 1); k++)
            {
                var b = dir == 0 ? _order[k] : _order[used - 1 - k];
                var p = off + (b * S);
                gl += hist[p];
                hl += hist[p + 1];
                nl += hist[p + 2];
                var gain = Gain(gl, hl, nl, g, h, n, l2, parent);
                if (gain > best.Gain)
                {
                    SetCategorical(best, f, gain);
                    for (var t = 0; t <= k; t++)
                    {
                        var bb = dir == 0 ? _order[t] : _order[used - 1 - t];
                        best.LeftBins[bb >> 6] |= 1UL << (bb & 63);
                    }

                    best.MissingLeft = (best.LeftBins[0] & 1UL) != 0;
                }
            }
        }
    }

    // Each category alone against the rest (LightGBM's max_cat_to_onehot path).
    private void OneVsRest(double[] hist, int f, int off, int used, double g, double h, double n, double l2, double parent,
        SplitCandidate best)
    {
        for (var k = 0; k < used; k++)
        {
            var b = _order[k];
            var p = off + (b * S);
            var gain = Gain(hist[p], hist[p + 1], hist[p + 2], g, h, n, l2, parent);
            if (gain > best.Gain)
            {
                SetCategorical(best, f, gain);
                best.LeftBins[b >> 6] |= 1UL << (b & 63);
                best.MissingLeft = b == 0;
            }
        }
    }

    private double Gain(double gl, double hl, double nl, double g, double h, double n, double l2, double parent) =>
        Allowed(hl, nl, h - hl, n - nl) ? Score(gl, hl, l2) + Score(g - gl, h - hl, l2) - parent : double.NegativeInfinity;

    private static void SetCategorical(SplitCandidate best, int f, double gain)
    {
        best.Feature = f;
        best.Gain = gain;
        best.IsCategorical = true;
        Array.Clear(best.LeftBins);
    }
}
