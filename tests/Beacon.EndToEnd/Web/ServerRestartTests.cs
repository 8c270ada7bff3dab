using Beacon.TestKit;
using Microsoft.Playwright;
using Xunit;

namespace Beacon.EndToEnd.Web;

/// <summary>
/// The server restarts under an open, signed-in browser while leads keep arriving: every lead shows, exactly once, and
/// the session outlives the restart (a reload after it is still signed in).
/// </summary>
[Collection("Web")]
public sealed class ServerRestartTests(WebServerFixture web) : IAsyncLifetime
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "beacon-web-restart-" + Guid.NewGuid().ToString("N")[..10]);
    private RestartableServer? _server;

    [Fact]
    public async Task After_a_restart_the_browser_shows_every_lead_once()
    {
        var server = _server!;
        await using var context = await WebApp.NewContextAsync(web.Browser, server.BaseAddress);
        var page = await WebApp.SignInAsync(context, WebApp.Owner);
        await WebApp.OpenLeadsAsync(page);
        var surname = WebApp.UniqueName("Restart");
        var names = new List<string>();

        using (var api = await WebApp.ApiAsync(server.BaseAddress, WebApp.Owner))
        {
            for (var i = 1; i <= 3; i++)
            {
                names.Add($"Before{i} {surname}");
                await WebApp.CreateLeadAsync(api, $"Before{i}", surname);
            }
        }

        await Assertions.Expect(WebApp.Rows(page, surname)).ToHaveCountAsync(3, new() { Timeout = 5_000 });

        await server.StopAsync();
        await Assertions.Expect(page.GetByTestId("live-indicator")).Not.ToHaveAttributeAsync("data-status", "live", new() { Timeout = 10_000 });
        await server.StartAsync(TimeSpan.FromSeconds(180));

        // Leads keep arriving while the browser is still reconnecting.
        using (var api = await WebApp.ApiAsync(server.BaseAddress, WebApp.Owner))
        {
            for (var i = 1; i <= 5; i++)
            {
                names.Add($"After{i} {surname}");
                await WebApp.CreateLeadAsync(api, $"After{i}", surname);
            }
        }

        await Assertions.Expect(page.GetByTestId("live-indicator")).ToHaveAttributeAsync("data-status", "live", new() { Timeout = 60_000 });
        await Assertions.Expect(WebApp.Rows(page, surname)).ToHaveCountAsync(names.Count, new() { Timeout = 10_000 });
        foreach (var name in names)
        {
            await Assertions.Expect(WebApp.Rows(page, name)).ToHaveCountAsync(1);
        }

        // Reloading throws away the page's access token: the stored refresh token, kept by the database across the
        // restart, signs it back in (session persistence, ADR 0022).
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Leads", Exact = true }))
            .ToHaveAttributeAsync("aria-busy", "false", new() { Timeout = 20_000 });
        await Assertions.Expect(WebApp.Rows(page, surname)).ToHaveCountAsync(names.Count, new() { Timeout = 10_000 });
        await WebApp.ScreenshotAsync(page, "leads-after-restart");
    }

    public async ValueTask InitializeAsync()
    {
        _server = new RestartableServer(WebApp.Settings(Path.Combine(_data, "postgres")));
        await _server.StartAsync(TimeSpan.FromSeconds(180));
    }

    public async ValueTask DisposeAsync()
    {
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
            // Best effort.
        }
    }
}
