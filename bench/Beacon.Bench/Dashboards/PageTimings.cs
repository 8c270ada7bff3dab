using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Beacon.Bench.Platform.BenchArgs;

namespace Beacon.Bench.Dashboards;

/// <summary>
/// Time to interactive of the two screens in headless Chromium (Debian's, as the browser tests use), from the page's
/// own performance marks: navigation start to the mark the page sets once its figures are rendered
/// (<c>beacon:conversions-ready</c>, <c>beacon:insights-ready</c>). Fresh loads with a stored session; the first
/// load of each screen warms caches and is not counted; the figure is the median of the rest.
/// </summary>
internal static class PageTimings
{
    public sealed record Screen(string Name, string Path, string Mark);

    public static async Task<List<(string Role, Screen Screen, double MedianMs, double[] Runs)>> MeasureAsync(Uri server,
        IReadOnlyList<RoleSession> sessions, IReadOnlyList<Screen> screens, int loads, CancellationToken ct)
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
        var results = new List<(string, Screen, double, double[])>();
        foreach (var session in sessions)
        {
            await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
            {
                BaseURL = server.ToString(),
                ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
                Locale = "en-US",
                TimezoneId = "America/Los_Angeles",
            });
            var page = await SignInAsync(context, session.Email);
            foreach (var screen in screens)
            {
                var runs = new List<double>();
                for (var i = 0; i <= loads; i++)
                {
                    ct.ThrowIfCancellationRequested();
                    await page.GotoAsync(screen.Path);
                    await page.WaitForFunctionAsync($"() => performance.getEntriesByName('{screen.Mark}').length > 0", null,
                        new() { Timeout = 60_000, PollingInterval = 20 });
                    var ms = await page.EvaluateAsync<double>($"() => performance.getEntriesByName('{screen.Mark}')[0].startTime");
                    if (i > 0)
                    {
                        runs.Add(ms);
                    }
                }

                runs.Sort();
                results.Add((session.Role, screen, runs[runs.Count / 2], [.. runs]));
                Console.WriteLine($"  {session.Role,-9} {screen.Name,-36} median {F(runs[runs.Count / 2], "0")} ms " +
                    $"(loads: {string.Join(", ", runs.Select(r => F(r, "0")))})");
            }
        }

        return results;
    }

    private static async Task<IPage> SignInAsync(IBrowserContext context, string email)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("/signin");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(Beacon.Contracts.Identity.DemoTenant.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(new Regex("Good"), new() { Timeout = 60_000 });
        return page;
    }
}
