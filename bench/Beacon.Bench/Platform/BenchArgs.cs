using System.Globalization;

namespace Beacon.Bench.Platform;

/// <summary>Options of the platform benchmarks: <c>--name value</c> pairs, plus <c>--set Key=Value</c> for the server.</summary>
internal sealed class BenchArgs(string[] args)
{
    public int Int(string name, int fallback) =>
        Value(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public double Double(string name, double fallback) =>
        Value(name) is { } v ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public bool Bool(string name, bool fallback) =>
        Value(name) is { } v ? bool.Parse(v) : fallback;

    public string? Value(string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    /// <summary>Every <c>--set Key=Value</c>: extra server configuration (e.g. <c>--set Beacon:Jobs:Concurrency=8</c>).</summary>
    public Dictionary<string, string?> ServerSettings()
    {
        var settings = new Dictionary<string, string?>();
        for (var i = 0; i + 1 < args.Length; i++)
        {
            if (args[i] == "--set" && args[i + 1].Split('=', 2) is [var key, var value])
            {
                settings[key] = value;
            }
        }

        return settings;
    }

    public static string F(double value, string format = "0.0") => value.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>The machine's 1/5/15-minute load averages: the machine is shared, so every figure carries them.</summary>
    public static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "n/a";
        }
    }
}
