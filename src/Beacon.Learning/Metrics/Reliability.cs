namespace Beacon.Learning.Metrics;

/// <summary>One bin of a reliability (calibration) table.</summary>
public sealed record ReliabilityBin(double Lower, double Upper, int Count, double MeanPredicted, double ObservedRate);

/// <summary>Reliability table over equal-width probability bins on [0, 1].</summary>
public static class Reliability
{
    public static IReadOnlyList<ReliabilityBin> Table(ReadOnlySpan<double> labels, ReadOnlySpan<double> probabilities, int bins = 10)
    {
        var count = new int[bins];
        var sumP = new double[bins];
        var sumY = new double[bins];
        for (var i = 0; i < labels.Length; i++)
        {
            var p = probabilities[i];
            // Same edges as numpy.digitize on the inner edges: p == 0.1 falls into the second bin.
            var b = Math.Clamp((int)Math.Floor(p * bins), 0, bins - 1);
            count[b]++;
            sumP[b] += p;
            sumY[b] += labels[i];
        }

        var table = new List<ReliabilityBin>(bins);
        for (var b = 0; b < bins; b++)
        {
            if (count[b] == 0)
            {
                continue;
            }

            table.Add(new ReliabilityBin((double)b / bins, (double)(b + 1) / bins, count[b], sumP[b] / count[b], sumY[b] / count[b]));
        }

        return table;
    }
}
