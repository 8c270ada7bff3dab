using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;
using Xunit;

namespace Beacon.EndToEnd.Web;

/// <summary>
/// Waits for something a live update brings (without reload) and records how long it took from the API answer.
/// The "within 1 s" is a measured figure written to <c>artifacts/live-arrival.txt</c>, not a deadline: a
/// wall-clock assert fails on a loaded CI machine without telling anything about the code.
/// </summary>
internal static class LiveArrival
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);
    private static readonly Lock Gate = new();

    public static string ReportPath { get; } = Path.Combine(WebApp.RepoRoot, "artifacts", "live-arrival.txt");

    /// <summary>Starts the clock; call right before the API request that should reach the screens.</summary>
    public static long Start() => Stopwatch.GetTimestamp();

    public static async Task ExpectAsync(ILocator locator, long startedAt, string what)
    {
        await locator.WaitForAsync(new() { State = WaitForSelectorState.Visible, Timeout = (float)Patience.TotalMilliseconds });
        var elapsed = Stopwatch.GetElapsedTime(startedAt);
        var line = string.Create(CultureInfo.InvariantCulture, $"{TimeProvider.System.GetUtcNow():O}\t{elapsed.TotalMilliseconds:0}\tms\t{what}");
        TestContext.Current.TestOutputHelper?.WriteLine("live arrival: " + line);
        lock (Gate)
        {
            File.AppendAllText(ReportPath, line + Environment.NewLine);
        }
    }
}
