using System.Globalization;
using Beacon.Learning.Evaluation;

namespace Beacon.Learning.Tests;

/// <summary>Runs <see cref="ModelEvalCommand"/> and reads its metric lines back.</summary>
internal static class EvalRunner
{
    public static async Task<(int Exit, string Output)> RunAsync(params string[] args)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        var exit = await ModelEvalCommand.RunAsync(args, output, TestContext.Current.CancellationToken);
        return (exit, output.ToString());
    }

    public static double Metric(string output, string name)
    {
        var line = output.Split('\n').First(l => l.StartsWith(name + ": ", StringComparison.Ordinal));
        var value = line[(name.Length + 2)..].Split(' ')[0];
        return double.Parse(value, CultureInfo.InvariantCulture);
    }

    /// <summary>The whole output is one "error: …" line (no stack trace, no usage) and is returned without the prefix.</summary>
    public static string SingleError(string output)
    {
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines.Length.ShouldBe(1, output);
        lines[0].ShouldStartWith("error: ");
        return lines[0];
    }
}
