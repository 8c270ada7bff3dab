using System.Globalization;
using static Beacon.Bench.Platform.BenchArgs;

namespace Beacon.Bench.Platform;

/// <summary>
/// Where the CPU went during a phase, from /proc: the bench client (this process), the Beacon.Server process,
/// our PostgreSQL cluster (postmaster and its backends), and everything else on the machine (other engineers' work;
/// children of the bench such as wrk count there too).
/// </summary>
internal sealed class CpuMeter
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux
    private readonly int? _serverPid;
    private readonly int? _postmasterPid;
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
    private readonly CpuSample _start;

    private CpuMeter(int? serverPid, int? postmasterPid)
    {
        _serverPid = serverPid;
        _postmasterPid = postmasterPid;
        _start = Sample();
    }

    public static CpuMeter Start(BenchStack stack) => new(FindServer(stack.Server?.BaseAddress.Port), FindPostmaster(stack.DataDirectory));

    /// <summary>Cores used by each party since <see cref="Start"/> (1.0 = one core fully busy).</summary>
    /// <remarks>With <paramref name="operations"/>, also the CPU time each party spent per operation.</remarks>
    public string Report(long operations = 0)
    {
        var end = Sample();
        var wall = _clock.Elapsed.TotalSeconds;
        var machine = end.MachineAll - _start.MachineAll;
        var busy = machine > 0 ? (end.MachineBusy - _start.MachineBusy) / machine * Environment.ProcessorCount : double.NaN;
        var (self, server, postgres) = (end.Self - _start.Self, end.Server - _start.Server, end.Postgres - _start.Postgres);
        var others = busy - ((self + server + postgres) / wall);
        var text = $"cpu (cores): bench client {F(self / wall, "0.00")}, server {F(server / wall, "0.00")}, " +
                   $"postgres {F(postgres / wall, "0.00")}, everything else {F(others, "0.00")}; whole machine busy {F(busy, "0.00")} of {Environment.ProcessorCount}";
        return operations > 0
            ? text + $"; cpu per operation: client {F(self * 1e6 / operations, "0")} µs, server {F(server * 1e6 / operations, "0")} µs, postgres {F(postgres * 1e6 / operations, "0")} µs"
            : text;
    }

    private CpuSample Sample()
    {
        var self = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
        var server = _serverPid is { } s ? ProcessSeconds(s, includeReaped: false) : 0;
        double postgres = 0;
        if (_postmasterPid is { } pm)
        {
            postgres = ProcessSeconds(pm, includeReaped: true);
            foreach (var child in Children(pm))
            {
                postgres += ProcessSeconds(child, includeReaped: false);
            }
        }

        var (machineBusy, machineAll) = MachineTicks();
        return new CpuSample(self, server, postgres, machineBusy, machineAll);
    }

    internal static double ProcessSeconds(int pid, bool includeReaped)
    {
        var f = StatFields(pid);
        if (f is null)
        {
            return 0;
        }

        // Fields after "(comm)": index 11 = utime, 12 = stime, 13 = cutime, 14 = cstime.
        var ticks = long.Parse(f[11], CultureInfo.InvariantCulture) + long.Parse(f[12], CultureInfo.InvariantCulture);
        if (includeReaped)
        {
            ticks += long.Parse(f[13], CultureInfo.InvariantCulture) + long.Parse(f[14], CultureInfo.InvariantCulture);
        }

        return ticks / TicksPerSecond;
    }

    private static string[]? StatFields(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            return text[(text.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static IEnumerable<int> Children(int parent) =>
        Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0)
            .Where(pid => pid > 0 && StatFields(pid) is { } f && f[1] == parent.ToString(CultureInfo.InvariantCulture));

    private static (double Busy, double All) MachineTicks()
    {
        var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var all = cpu.Take(8).Sum();
        return (all - cpu[3] - cpu[4], all); // idle and iowait are not busy
    }

    private static int? FindPostmaster(string dataDirectory)
    {
        var pidFile = Path.Combine(dataDirectory, "postmaster.pid");
        return File.Exists(pidFile) && int.TryParse(File.ReadLines(pidFile).First(), out var pid) ? pid : null;
    }

    private static int? FindServer(int? port)
    {
        if (port is null)
        {
            return null;
        }

        var marker = $"--urls=http://127.0.0.1:{port}/";
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid))
            {
                try
                {
                    if (File.ReadAllText(Path.Combine(dir, "cmdline")).Contains(marker, StringComparison.Ordinal))
                    {
                        return pid;
                    }
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // A process that ended while we looked.
                }
            }
        }

        return null;
    }
}

internal readonly record struct CpuSample(double Self, double Server, double Postgres, double MachineBusy, double MachineAll);
