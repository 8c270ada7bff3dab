using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Shouldly;
using Xunit;

namespace Beacon.EndToEnd.Web;

/// <summary>How fast the dashboard home page becomes usable, from the browser's own performance timing.</summary>
[Collection("Web")]
public sealed class DashboardTimingTests(WebServerFixture web)
{
    [Fact]
    public async Task The_dashboard_becomes_interactive_and_its_timing_is_reported()
    {
        await using var context = await WebApp.NewContextAsync(web.Browser, web.BaseAddress);
        var page = await WebApp.SignInAsync(context, WebApp.Owner);
        await Assertions.Expect(page.GetByTestId("kpi-today")).ToHaveTextAsync(new Regex(@"\d"), new() { Timeout = 10_000 });

        // Fresh page loads of "/" with a stored session (what an agent sees each morning); the first warms caches.
        var runs = new List<Timing>();
        for (var i = 0; i < 6; i++)
        {
            await page.GotoAsync("/");
            await Assertions.Expect(page.GetByTestId("kpi-today")).ToHaveTextAsync(new Regex(@"\d"), new() { Timeout = 10_000 });
            var json = await page.EvaluateAsync<JsonElement>("""
                () => {
                  const nav = performance.getEntriesByType('navigation')[0]
                  const mark = (name) => performance.getEntriesByName(name)[0]?.startTime ?? -1
                  return { domInteractive: nav.domInteractive, domContentLoaded: nav.domContentLoadedEventEnd,
                           interactive: mark('beacon:dashboard-interactive'), ready: mark('beacon:dashboard-ready') }
                }
                """);
            if (i > 0)
            {
                runs.Add(new Timing(json.GetProperty("domInteractive").GetDouble(), json.GetProperty("domContentLoaded").GetDouble(),
                    json.GetProperty("interactive").GetDouble(), json.GetProperty("ready").GetDouble()));
            }
        }

        var median = new Timing(Median(runs, t => t.DomInteractive), Median(runs, t => t.DomContentLoaded),
            Median(runs, t => t.Interactive), Median(runs, t => t.Ready));
        var report = string.Create(CultureInfo.InvariantCulture,
            $"dashboard (median of {runs.Count} loads, ms since navigation start): DOM interactive {median.DomInteractive:0}, " +
            $"DOMContentLoaded {median.DomContentLoaded:0}, page interactive (session restored, dashboard rendered) {median.Interactive:0}, " +
            $"figures shown {median.Ready:0}");
        TestContext.Current.TestOutputHelper?.WriteLine(report);
        Console.WriteLine(report);
        await File.WriteAllTextAsync(Path.Combine(WebApp.RepoRoot, "artifacts", "dashboard-timing.txt"), report + Environment.NewLine);
        await WebApp.ScreenshotAsync(page, "dashboard-timed", fullPage: true);

        // The 500 ms goal is a reported figure (artifacts/dashboard-timing.txt), not a wall-clock assert that a loaded
        // CI machine would fail; what must hold is that the page marked itself interactive after its figures arrived.
        median.Interactive.ShouldBeGreaterThan(0);
        median.Ready.ShouldBeGreaterThanOrEqualTo(median.Interactive);
    }

    private static double Median(List<Timing> runs, Func<Timing, double> pick)
    {
        var values = runs.Select(pick).Order().ToList();
        return values[values.Count / 2];
    }

    private sealed record Timing(double DomInteractive, double DomContentLoaded, double Interactive, double Ready);
}
