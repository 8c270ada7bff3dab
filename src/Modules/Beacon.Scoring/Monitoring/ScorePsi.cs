using Beacon.Learning.Metrics;

namespace Beacon.Scoring.Monitoring;

/// <summary>
/// Population stability index of served scores against the version's hold-out scores, on the ten 10-point bands of
/// the hold-out reliability table stored at training (so no per-row hold-out scores need keeping).
/// </summary>
internal static class ScorePsi
{
    public const int Bands = 10;

    public static double[] BaselineShares(IReadOnlyList<ReliabilityBin> holdout)
    {
        var shares = new double[Bands];
        var total = Math.Max(1, holdout.Sum(b => b.Count));
        foreach (var bin in holdout)
        {
            shares[Band(bin.Lower + 1e-9)] += (double)bin.Count / total;
        }

        return shares;
    }

    public static int Band(double probability) => Math.Clamp((int)Math.Floor(probability * Bands), 0, Bands - 1);

    /// <summary>Σ (a − e)·ln(a / e) over the bands, shares floored at 1e-4 as for features.</summary>
    public static double Psi(double[] expected, IReadOnlyCollection<double> live)
    {
        var counts = new double[Bands];
        foreach (var p in live)
        {
            counts[Band(p)]++;
        }

        double psi = 0;
        for (var b = 0; b < Bands; b++)
        {
            var e = Math.Max(expected[b], 1e-4);
            var a = Math.Max(counts[b] / Math.Max(1, live.Count), 1e-4);
            psi += (a - e) * Math.Log(a / e);
        }

        return psi;
    }
}
