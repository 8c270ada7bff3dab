using System.Net.Http.Json;
using System.Text.Json;
using Beacon.TestKit;
using Microsoft.Playwright;

namespace Beacon.EndToEnd.Web;

/// <summary>What the browser tests share: where the repository is, how Chromium starts, the demo users, API helpers.</summary>
internal static class WebApp
{
    public const string DemoPassword = "beacon-demo";

    public static readonly string Owner = "owner@demo.beacon.local";
    public static readonly string Admin = "admin@demo.beacon.local";
    public static readonly string TeamLead = "teamlead@demo.beacon.local";
    public static readonly string Agent = "agent@demo.beacon.local";

    public static string RepoRoot => RepoFolders.Root;

    public static string ServerContentRoot => RepoFolders.ServerContentRoot;

    public static string ScreenshotFolder { get; } = Directory.CreateDirectory(Path.Combine(RepoFolders.Artifacts, "screenshots")).FullName;

    /// <summary>Settings of a server with its own embedded PostgreSQL and a small demo brokerage (fast to seed).</summary>
    public static Dictionary<string, string?> Settings(string dataDirectory) => new()
    {
        ["Beacon:Embedded:DataDirectory"] = dataDirectory,
        ["Beacon:Demo:Leads"] = "300",
        ["Beacon:RateLimits:Rest:PerPrincipal"] = "60000",
        ["Beacon:RateLimits:Rest:PerTenant"] = "60000",
        // Every test's browser signs up, signs in and refreshes from 127.0.0.1: one per-address bucket of 30 a minute
        // for the whole suite. A signup sent no e-mail once, most likely cut by it. The limit is proven by RateLimitTests.
        ["Beacon:RateLimits:AuthPerMinute"] = "100000",
        ["contentRoot"] = ServerContentRoot,
        ["Logging:LogLevel:Default"] = "Warning",
        // The webhooks screen's test sends to a receiver on 127.0.0.1, which production refuses.
        ["Beacon:Webhooks:AllowPrivateTargets"] = "true",
        // The single sign-on test's identity provider is the sandbox's, on 127.0.0.1 over plain HTTP.
        ["Beacon:Sso:AllowLoopbackProviders"] = "true",
    };

    public static void EnsureWebAppBuilt() => RepoFolders.EnsureWebAppBuilt();

    public static Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        const string chromium = "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            throw new InvalidOperationException("Debian's Chromium is missing: apt-get install -y chromium (never `playwright install`).");
        }

        return playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
    }

    public static Task<IBrowserContext> NewContextAsync(IBrowser browser, Uri baseAddress, int width = 1280, int height = 900) =>
        browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "en-US",
        });

    /// <summary>Signs in through the sign-in page and waits for the dashboard.</summary>
    public static async Task<IPage> SignInAsync(IBrowserContext context, string email, string password = DemoPassword)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("/signin");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Good", new() { Timeout = 20_000 });
        return page;
    }

    /// <summary>Opens the lead list and waits until the live connection is up (the status the test expects).</summary>
    public static async Task OpenLeadsAsync(IPage page, string status = "live")
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "Leads", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Leads", Exact = true }))
            .ToHaveAttributeAsync("aria-busy", "false", new() { Timeout = 20_000 });
        await Assertions.Expect(page.GetByTestId("live-indicator")).ToHaveAttributeAsync("data-status", status, new() { Timeout = 30_000 });
    }

    /// <summary>The rows of the lead list showing <paramref name="text"/>.</summary>
    public static ILocator Rows(IPage page, string text) =>
        page.GetByTestId("lead-list").Locator("li[data-lead-id]", new() { HasText = text });

    public static Task ScreenshotAsync(IPage page, string name, bool fullPage = false) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = fullPage });

    public static async Task<HttpClient> ApiAsync(Uri baseAddress, string email, string password = DemoPassword)
    {
        var http = new HttpClient { BaseAddress = baseAddress };
        var tokens = await ApiClient.LoginAsync(http, email, password);
        return http.WithBearer(tokens.AccessToken);
    }

    /// <summary>Captures a lead through the public API (as a portal would); returns its id.</summary>
    public static async Task<Guid> CreateLeadAsync(HttpClient api, string firstName, string lastName, Guid? assignTo = null)
    {
        var email = $"{firstName}.{lastName}.{Guid.NewGuid():N}@example.test".ToLowerInvariant();
        var response = await api.PostAsJsonAsync("/api/v1/leads",
            new { firstName, lastName, email, source = "e2e", type = "buyer", assignedAgentId = assignTo });
        await response.EnsureSuccessAsync();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    public static async Task<Guid> UserIdAsync(HttpClient api, string email)
    {
        var users = await api.GetFromJsonAsync<JsonElement>("/api/v1/users");
        return users.EnumerateArray().First(u => u.GetProperty("email").GetString() == email).GetProperty("id").GetGuid();
    }

    /// <summary>A short unique surname, so each test's leads are easy to find on screen.</summary>
    public static string UniqueName(string prefix) => prefix + Guid.NewGuid().ToString("N")[..6];
}
