using System.Globalization;

namespace Beacon.Bench.Platform;

/// <summary>A process's resident memory, from /proc (the server's, for benchmarks that count memory per socket or user).</summary>
internal static class ProcessMemory
{
    public static long ResidentKb(int pid) => File.ReadLines($"/proc/{pid}/status")
        .Where(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))
        .Select(l => long.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture))
        .First();
}
