namespace Beacon.Scoring.Monitoring;

/// <summary>
/// A feature's training distribution: bucket edges (deciles of the training values; categories use their codes)
/// and the share of training rows per bucket, the last bucket being "missing".
/// </summary>
internal sealed record FeatureBaseline(double[] Edges, double[] Shares)
{
    public static FeatureBaseline Fit(ReadOnlySpan<double> values)
    {
        var present = values.ToArray().Where(v => !double.IsNaN(v)).Order().ToArray();
        var edges = present.Length == 0
            ? []
            : Enumerable.Range(1, 9).Select(q => present[Math.Min(present.Length - 1, q * present.Length / 10)]).Distinct().ToArray();
        return new FeatureBaseline(edges, SharesOf(edges, values));
    }

    public static int Bucket(double[] edges, double v)
    {
        if (double.IsNaN(v))
        {
            return edges.Length + 1;
        }

        var b = 0;
        while (b < edges.Length && v >= edges[b])
        {
            b++;
        }

        return b;
    }

    public static double[] SharesOf(double[] edges, ReadOnlySpan<double> values)
    {
        var counts = new double[edges.Length + 2];
        foreach (var v in values)
        {
            counts[Bucket(edges, v)]++;
        }

        var n = Math.Max(1, values.Length);
        return [.. counts.Select(c => c / n)];
    }

    /// <summary>Population stability index of <paramref name="live"/> against this baseline (shares floored at 1e-4).</summary>
    public double Psi(ReadOnlySpan<double> live)
    {
        var actual = SharesOf(Edges, live);
        double psi = 0;
        for (var b = 0; b < actual.Length; b++)
        {
            var e = Math.Max(Shares[b], 1e-4);
            var a = Math.Max(actual[b], 1e-4);
            psi += (a - e) * Math.Log(a / e);
        }

        return psi;
    }
}
