namespace Beacon.Learning.Calibration;

/// <summary>
/// Isotonic regression of the label on the raw score (pool-adjacent-violators), interpolated linearly between the
/// fitted points and held flat beyond them.
/// </summary>
public sealed class IsotonicCalibrator(double[] x, double[] y) : ICalibrator
{
    public IReadOnlyList<double> X { get; } = x;

    public IReadOnlyList<double> Y { get; } = y;

    public double Calibrate(double rawScore)
    {
        if (x.Length == 0)
        {
            return 0.5;
        }

        if (double.IsNaN(rawScore) || rawScore <= x[0])
        {
            return y[0];
        }

        if (rawScore >= x[^1])
        {
            return y[^1];
        }

        var i = Array.BinarySearch(x, rawScore);
        if (i >= 0)
        {
            return y[i];
        }

        var hi = ~i;
        var lo = hi - 1;
        var t = (rawScore - x[lo]) / (x[hi] - x[lo]);
        return y[lo] + (t * (y[hi] - y[lo]));
    }

    public static IsotonicCalibrator Fit(ReadOnlySpan<double> rawScores, ReadOnlySpan<double> labels)
    {
        var order = Metrics.ClassificationMetrics.SortedIndex(rawScores);
        // Blocks of (mean x, mean y, weight); equal scores start in one block.
        var bx = new List<double>();
        var by = new List<double>();
        var bw = new List<double>();
        foreach (var i in order)
        {
            var s = rawScores[i];
            if (bx.Count > 0 && bx[^1] == s)
            {
                var w = bw[^1];
                by[^1] = ((by[^1] * w) + labels[i]) / (w + 1);
                bw[^1] = w + 1;
            }
            else
            {
                bx.Add(s);
                by.Add(labels[i]);
                bw.Add(1);
            }

            while (by.Count > 1 && by[^2] >= by[^1])
            {
                var w1 = bw[^2];
                var w2 = bw[^1];
                bx[^2] = ((bx[^2] * w1) + (bx[^1] * w2)) / (w1 + w2);
                by[^2] = ((by[^2] * w1) + (by[^1] * w2)) / (w1 + w2);
                bw[^2] = w1 + w2;
                bx.RemoveAt(bx.Count - 1);
                by.RemoveAt(by.Count - 1);
                bw.RemoveAt(bw.Count - 1);
            }
        }

        return new IsotonicCalibrator([.. bx], [.. by]);
    }
}
