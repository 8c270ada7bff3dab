using Beacon.TestKit;
using Microsoft.Playwright;
using Xunit;

namespace Beacon.EndToEnd.Web;

/// <summary>
/// One real Beacon.Server (own embedded PostgreSQL, small Demo Realty) serving the built web app, and one headless
/// Chromium, shared by the browser tests of the "Web" collection (they run one after another).
/// </summary>
public sealed class WebServerFixture : IAsyncLifetime
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "beacon-web-e2e-" + Guid.NewGuid().ToString("N")[..10]);
    private ServerProcess? _server;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public Uri BaseAddress => (_server ?? throw new InvalidOperationException("Not started.")).BaseAddress;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("Not started.");

    public IPlaywright Playwright => _playwright ?? throw new InvalidOperationException("Not started.");

    public async ValueTask InitializeAsync()
    {
        WebApp.EnsureWebAppBuilt();
        File.Delete(LiveArrival.ReportPath);
        _server = await ServerProcess.StartAsync(WebApp.Settings(Path.Combine(_data, "postgres")), TimeSpan.FromSeconds(180));
        _playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        _browser = await WebApp.LaunchAsync(_playwright);
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

        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the temp folder is the OS's to clean.
        }
    }
}

[CollectionDefinition("Web")]
public sealed class WebCollection : ICollectionFixture<WebServerFixture>;
