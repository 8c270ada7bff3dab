namespace Beacon.Bench.Faults;

/// <summary>
/// What one fault scenario measured and whether it held: figures are printed as they come, each check against
/// "lost = 0, duplicated = 0, every job done or dead-lettered" is printed with its outcome, and the scenario ends on
/// one PASS or FAIL line.
/// </summary>
internal sealed class FaultReport(string scenario)
{
    private readonly List<string> _failed = [];
    private readonly List<string> _figures = [];

    public string Scenario => scenario;

    public bool Passed => _failed.Count == 0;

    public IReadOnlyList<string> Failed => _failed;

    /// <summary>Everything the scenario measured, in order (also printed as it comes).</summary>
    public IReadOnlyList<string> Figures => _figures;

    public void Figure(string text)
    {
        _figures.Add(text);
        Console.WriteLine($"  {text}");
    }

    public void Require(bool held, string check)
    {
        if (!held)
        {
            _failed.Add(check);
        }

        Console.WriteLine($"  check {(held ? "ok    " : "FAILED")} {check}");
    }

    public void Crashed(Exception e)
    {
        _failed.Add($"the scenario stopped: {e.GetType().Name}: {e.Message}");
        Console.WriteLine($"  scenario stopped: {e}");
    }

    public string Verdict() => Passed
        ? $"faults {scenario}: PASS (lost 0, duplicated 0, every job done or dead-lettered)"
        : $"faults {scenario}: FAIL ({string.Join("; ", _failed)})";
}
