namespace Beacon.Learning.Metrics;

/// <summary>
/// DeLong's variance of ROC AUC and of the difference of two correlated AUCs on the same rows (DeLong, DeLong and
/// Clarke-Pearson 1988), with ties counted half. Used by the publish gate (<see cref="PublishGate"/>: is the model
/// better than chance?), which Scoring and <c>model eval</c> share, and by Scoring's pre-registered promotion rule
/// (does the challenger beat the champion?).
/// </summary>
public static class DeLong
{
    public sealed record Comparison(double AucA, double AucB, double Difference, double StandardError, double LowerBound,
        double UpperBound, int Positives, int Negatives);

    /// <summary>AUC of <paramref name="a"/> with its two-sided (1 − 2α) interval [lower, upper].</summary>
    public static (double Auc, double Lower, double Upper) Interval(IReadOnlyList<double> labels, IReadOnlyList<double> a, double alpha = 0.025)
    {
        var (auc, v10, v01) = Components(labels, a);
        var se = Math.Sqrt((Variance(v10, v10) / v10.Length) + (Variance(v01, v01) / v01.Length));
        var z = NormalQuantile(1 - alpha);
        return (auc, auc - (z * se), auc + (z * se));
    }

    /// <summary>AUC(b) − AUC(a) with a one-sided (1 − α) lower bound and upper bound.</summary>
    public static Comparison Compare(IReadOnlyList<double> labels, IReadOnlyList<double> a, IReadOnlyList<double> b, double alpha)
    {
        var (aucA, a10, a01) = Components(labels, a);
        var (aucB, b10, b01) = Components(labels, b);
        var m = a10.Length;
        var n = a01.Length;
        var variance = ((Variance(a10, a10) + Variance(b10, b10) - (2 * Variance(a10, b10))) / m)
            + ((Variance(a01, a01) + Variance(b01, b01) - (2 * Variance(a01, b01))) / n);
        var se = Math.Sqrt(Math.Max(variance, 0));
        var z = NormalQuantile(1 - alpha);
        var d = aucB - aucA;
        return new Comparison(aucA, aucB, d, se, d - (z * se), d + (z * se), m, n);
    }

    private static (double Auc, double[] V10, double[] V01) Components(IReadOnlyList<double> labels, IReadOnlyList<double> s)
    {
        var pos = new List<double>();
        var neg = new List<double>();
        for (var i = 0; i < labels.Count; i++)
        {
            (labels[i] > 0.5 ? pos : neg).Add(s[i]);
        }

        if (pos.Count < 2 || neg.Count < 2)
        {
            return (double.NaN, [0, 0], [0, 0]);
        }

        var sortedNeg = neg.Order().ToArray();
        var sortedPos = pos.Order().ToArray();
        var v10 = pos.Select(x => Below(sortedNeg, x) / sortedNeg.Length).ToArray();
        var v01 = neg.Select(y => (sortedPos.Length - Below(sortedPos, y)) / sortedPos.Length).ToArray();
        return (v10.Average(), v10, v01);
    }

    /// <summary>How many of <paramref name="sorted"/> are below <paramref name="x"/>, ties counted half.</summary>
    private static double Below(double[] sorted, double x)
    {
        var lo = LowerBound(sorted, x);
        var hi = LowerBound(sorted, Math.BitIncrement(x));
        return lo + ((hi - lo) / 2.0);
    }

    private static int LowerBound(double[] sorted, double x)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] < x)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private static double Variance(double[] x, double[] y)
    {
        double mx = x.Average(), my = y.Average(), s = 0;
        for (var i = 0; i < x.Length; i++)
        {
            s += (x[i] - mx) * (y[i] - my);
        }

        return s / (x.Length - 1);
    }

    /// <summary>Standard normal quantile.</summary>
    public static double NormalQuantile(double p) => MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, p);
}
