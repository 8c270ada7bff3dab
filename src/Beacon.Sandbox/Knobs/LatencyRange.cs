using System.Globalization;

namespace Beacon.Sandbox.Knobs;

internal readonly record struct LatencyRange(int MinMs, int MaxMs)
{
    public static LatencyRange Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new LatencyRange(0, 0);
        }

        var parts = text.Split('-', 2, StringSplitOptions.TrimEntries);
        var min = int.Parse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture);
        var max = parts.Length == 2 ? int.Parse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture) : min;
        return max < min
            ? throw new FormatException($"Latency range '{text}' has its maximum below its minimum.")
            : new LatencyRange(min, max);
    }
}
