using System.Diagnostics;
using static Beacon.Bench.Platform.BenchArgs;

namespace Beacon.Bench.Platform;

/// <summary>Latency samples (milliseconds) of one benchmark phase, merged from per-worker lists, and the summary line.</summary>
internal sealed class Latencies
{
    private readonly List<double[]> _parts = [];

    public long Errors { get; private set; }

    public static double Ms(long fromTimestamp, long toTimestamp) =>
        (toTimestamp - fromTimestamp) * 1000.0 / Stopwatch.Frequency;

    public void Add(IEnumerable<double> samples, long errors)
    {
        lock (_parts)
        {
            _parts.Add(samples.ToArray());
            Errors += errors;
        }
    }

    public double[] Sorted()
    {
        lock (_parts)
        {
            var all = _parts.SelectMany(p => p).ToArray();
            Array.Sort(all);
            return all;
        }
    }

    /// <summary>Nearest-rank percentile of sorted samples.</summary>
    public static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];

    public Summary Summarise(TimeSpan duration)
    {
        var s = Sorted();
        return new Summary(s.Length, duration, s.Length / duration.TotalSeconds, Percentile(s, 50), Percentile(s, 90),
            Percentile(s, 99), s.Length == 0 ? double.NaN : s[^1], Errors);
    }
}

internal sealed record Summary(long Count, TimeSpan Duration, double Throughput, double P50, double P90, double P99,
    double Max, long Errors)
{
    public override string ToString() =>
        $"count {Count}, duration {F(Duration.TotalSeconds, "0.0")} s, throughput {F(Throughput, "0")}/s, " +
        $"p50 {F(P50, "0.00")} ms, p90 {F(P90, "0.00")} ms, p99 {F(P99, "0.00")} ms, max {F(Max, "0.0")} ms, errors {Errors}";
}
