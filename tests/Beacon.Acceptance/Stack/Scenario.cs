using System.Diagnostics;
using System.Globalization;
using Beacon.TestKit;

namespace Beacon.Acceptance.Stack;

/// <summary>
/// A scenario of a test plan as numbered steps. A failing step fails the test with the scenario's name, the step's
/// number and words, and what went wrong ("Scenario 1 (complete lead lifecycle), step 5 of 9 'the lead is scored on its
/// own and the score says why' failed: …"). Figures the plans name (the score within 5 s of creation) are recorded in
/// <c>artifacts/acceptance-figures.txt</c>, reported by <c>./beacon test</c> and never asserted: benchmarks judge speed.
/// </summary>
public sealed class Scenario(string name, int steps)
{
    private static readonly Lock FiguresLock = new();
    private int _step;

    public static string FiguresPath { get; } = Path.Combine(RepoFolders.Artifacts, "acceptance-figures.txt");

    public string Name { get; } = name;

    public async Task<T> StepAsync<T>(string words, Func<Task<T>> action)
    {
        var number = ++_step;
        if (number > steps)
        {
            throw new InvalidOperationException($"{Name} declares {steps} steps; '{words}' is step {number}.");
        }

        try
        {
            return await action();
        }
        catch (Exception e) when (e is not ScenarioStepFailedException)
        {
            throw new ScenarioStepFailedException($"{Name}, step {number} of {steps} '{words}' failed: {e.Message}", e);
        }
    }

    public Task StepAsync(string words, Func<Task> action) => StepAsync(words, async () =>
    {
        await action();
        return true;
    });

    /// <summary>Every step ran: a scenario that ends early (a forgotten await, a return) is a failure too.</summary>
    public void Done()
    {
        if (_step != steps)
        {
            throw new ScenarioStepFailedException($"{Name} ran {_step} of its {steps} steps.", null);
        }
    }

    /// <summary>Records a measured figure ("created → score visible") with the time since <paramref name="since"/> started.</summary>
    public void Record(string figure, Stopwatch since)
    {
        var line = string.Create(CultureInfo.InvariantCulture,
            $"{TimeProvider.System.GetUtcNow():O}\t{since.Elapsed.TotalMilliseconds:F0}\tms\t{Name}: {figure}");
        lock (FiguresLock)
        {
            File.AppendAllLines(FiguresPath, [line]);
        }
    }
}

public sealed class ScenarioStepFailedException(string message, Exception? inner) : Exception(message, inner);
