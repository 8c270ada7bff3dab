using Beacon.TestKit;
using Beacon.TestKit.Sandbox;
using Microsoft.Playwright;
using Xunit;

namespace Beacon.Acceptance.Stack;

/// <summary>
/// Beacon as <c>./beacon run</c> runs it: the sandbox's property, person and credit providers (50–200 ms a call) in a
/// process of their own, <c>Beacon.Server</c> in another with its embedded PostgreSQL and the built web app, the run's
/// SMTP server and Redis, and one headless Chromium. Each scenario signs up a brokerage of its own, so scenarios share
/// the stack and never each other's data.
/// </summary>
public sealed class AcceptanceStack : IAsyncLifetime
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "beacon-acceptance-" + Guid.NewGuid().ToString("N")[..10]);
    private SandboxProcess? _sandbox;
    private RestartableServer? _server;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public Uri BaseAddress => (_server ?? throw new InvalidOperationException("Not started.")).BaseAddress;

    /// <summary>The providers' sandbox (its <c>/_sandbox</c> knobs and call counters).</summary>
    public SandboxProcess Sandbox => _sandbox ?? throw new InvalidOperationException("Not started.");

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("Not started.");

    /// <summary>What the server printed so far: a failed scenario's message carries its tail.</summary>
    public string ServerOutput => _server?.Output ?? "";

    public async ValueTask InitializeAsync()
    {
        RepoFolders.EnsureWebAppBuilt();
        File.Delete(Scenario.FiguresPath);
        _sandbox = await SandboxProcess.StartAsync(
            "--Sandbox:Property:LatencyMs=50-200", "--Sandbox:Person:LatencyMs=50-200", "--Sandbox:Credit:LatencyMs=50-200");
        var sandbox = _sandbox.BaseAddress;
        _server = new RestartableServer(self => Settings(self, sandbox));
        await _server.StartAsync(TimeSpan.FromSeconds(180));
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        if (_sandbox is not null)
        {
            await _sandbox.DisposeAsync();
        }

        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the temp folder is the OS's to clean.
        }
    }

    /// <summary>
    /// Stops the server as a deploy does (SIGTERM) and starts it again on the same port and data: open pages and API
    /// clients keep their address.
    /// </summary>
    public async Task RestartAsync()
    {
        var server = _server ?? throw new InvalidOperationException("Not started.");
        await server.StopAsync();
        await server.StartAsync(TimeSpan.FromSeconds(180));
    }

    public HttpClient Anonymous() => new() { BaseAddress = BaseAddress };

    /// <summary>A new brokerage whose owner signed up and confirmed by the e-mailed link, as a person does.</summary>
    public Task<TenantSession> SignupAsync(string brokerage) => ApiClient.SignupAsync(Anonymous, brokerage);

    public Task<IBrowserContext> NewContextAsync() => Browser.NewContextAsync(new BrowserNewContextOptions
    {
        BaseURL = BaseAddress.ToString(),
        ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        Locale = "en-US",
    });

    // The settings ./beacon run gives the server, on ports of this run, with the run's SMTP server and Redis.
    private Dictionary<string, string?> Settings(Uri self, Uri sandbox)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Beacon:Embedded:DataDirectory"] = Path.Combine(_data, "postgres"),
            ["Beacon:Demo:Leads"] = "300",
            ["contentRoot"] = RepoFolders.ServerContentRoot,
            ["Logging:LogLevel:Default"] = "Warning",
            ["Beacon:Auth:PublicUrl"] = self.ToString().TrimEnd('/'),
            ["Beacon:Enrichment:Property:BaseUrl"] = sandbox.ToString(),
            ["Beacon:Enrichment:Property:ApiKey"] = "sandbox-property-key",
            ["Beacon:Enrichment:Person:BaseUrl"] = sandbox.ToString(),
            ["Beacon:Enrichment:Person:ApiKey"] = "sandbox-person-key",
            ["Beacon:Enrichment:Credit:BaseUrl"] = sandbox.ToString(),
            ["Beacon:Enrichment:Credit:ApiKey"] = "sandbox-credit-token",
            // Every scenario's browser signs in from 127.0.0.1: one per-address bucket of 30 a minute for the whole run.
            ["Beacon:RateLimits:AuthPerMinute"] = "100000",
        };
        foreach (var (key, value) in SmtpSink.Shared.Settings.Concat(RedisServer.Shared.Settings))
        {
            settings[key] = value;
        }

        return settings;
    }
}

[CollectionDefinition(Name)]
public sealed class AcceptanceCollection : ICollectionFixture<AcceptanceStack>
{
    public const string Name = "Acceptance";
}
