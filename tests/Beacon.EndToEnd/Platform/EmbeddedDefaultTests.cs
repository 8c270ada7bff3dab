using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Beacon.TestKit;
using Shouldly;
using Xunit;

namespace Beacon.EndToEnd.Platform;

/// <summary>
/// What <c>./beacon run</c> promises, on the real executable with no connection string: it starts its own
/// PostgreSQL, migrates, seeds Demo Realty, prints a banner with the URL, data directory and demo accounts, answers
/// as the demo owner, stops its PostgreSQL on Ctrl-C, and a second start keeps the data.
/// </summary>
public sealed class EmbeddedDefaultTests : IAsyncLifetime
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "beacon-e2e-" + Guid.NewGuid().ToString("N")[..10]);

    private Dictionary<string, string?> Settings => new()
    {
        ["Beacon:Embedded:DataDirectory"] = Path.Combine(_data, "postgres"),
        // A small Demo Realty, as the web tests seed it: the full 12,000 leads (and training on them) would keep this
        // process busy scoring for a minute while the rest of the suite runs; the 10,000-lead seed has its own test.
        ["Beacon:Demo:Leads"] = "300",
        ["Logging:LogLevel:Default"] = "Warning",
    };

    [Fact]
    public async Task The_embedded_default_serves_the_demo_owner_stops_its_database_and_keeps_data_across_restarts()
    {
        var teamName = "Kept across restarts " + Guid.NewGuid().ToString("N")[..6];
        // As ./beacon run starts it: the readable console, whose banner says where to go and whom to sign in as.
        var human = new Dictionary<string, string?>(Settings) { ["Beacon:Logging:Console"] = "simple" };
        await using (var server = await ServerProcess.StartAsync(human, TimeSpan.FromSeconds(240)))
        {
            using var http = new HttpClient { BaseAddress = server.BaseAddress };
            (await http.GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.OK);
            var banner = await Poller.UntilAsync(() => Task.FromResult(server.Output), o => o.Contains("Beacon is ready.", StringComparison.Ordinal),
                because: "the banner is printed once Beacon listens");
            banner.ShouldContain($"open      {server.BaseAddress.ToString().TrimEnd('/')}");
            banner.ShouldContain($"data      {Path.Combine(_data, "postgres")}");
            banner.ShouldContain("password beacon-demo");
            foreach (var email in new[] { "owner", "admin", "teamlead", "agent", "readonly" }.Select(r => $"{r}@demo.beacon.local"))
            {
                banner.ShouldContain(email);
            }

            var tokens = await ApiClient.LoginAsync(http, "owner@demo.beacon.local", "beacon-demo");
            http.WithBearer(tokens.AccessToken);
            var me = await http.GetFromJsonAsync<JsonElement>("/api/v1/me");
            me.GetProperty("tenant").GetProperty("name").GetString().ShouldBe("Demo Realty");
            me.GetProperty("role").GetString().ShouldBe("owner");
            (await http.PostAsJsonAsync("/api/v1/teams", new { name = teamName })).StatusCode.ShouldBe(HttpStatusCode.Created);

            (await server.InterruptAsync(TimeSpan.FromSeconds(60))).ShouldBe(0);
            // pg_ctl -w returns once the pid file is gone; the process may linger a moment after.
            (await Poller.UntilAsync(() => Task.FromResult(PostgresRunningIn(_data)), running => !running,
                TimeSpan.FromSeconds(15), because: ProcessesIn(_data))).ShouldBeFalse("Ctrl-C stops the embedded PostgreSQL too");
        }

        await using (var again = await ServerProcess.StartAsync(Settings, TimeSpan.FromSeconds(240)))
        {
            using var http = new HttpClient { BaseAddress = again.BaseAddress };
            var tokens = await ApiClient.LoginAsync(http, "owner@demo.beacon.local", "beacon-demo");
            var teams = await http.WithBearer(tokens.AccessToken).GetStringAsync("/api/v1/teams");
            teams.ShouldContain(teamName);
        }

        (await Poller.UntilAsync(() => Task.FromResult(PostgresRunningIn(_data)), running => !running,
            TimeSpan.FromSeconds(15), because: ProcessesIn(_data))).ShouldBeFalse();
    }

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync()
    {
        // A failed run may leave its PostgreSQL behind (it is no child of the server): fast-stop it, not to leak it.
        Process.Start("pkill", ["-INT", "-f", _data])?.WaitForExit();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the temp folder is the OS's to clean.
        }

        return ValueTask.CompletedTask;
    }

    private static string ProcessesIn(string folder)
    {
        using var ps = Process.Start(new ProcessStartInfo("pgrep", ["-af", folder]) { RedirectStandardOutput = true })!;
        var lines = ps.StandardOutput.ReadToEnd();
        ps.WaitForExit();
        return "processes of the folder at the start of the wait: " + lines;
    }

    private static bool PostgresRunningIn(string folder)
    {
        using var ps = Process.Start(new ProcessStartInfo("pgrep", ["-f", folder]) { RedirectStandardOutput = true })!;
        ps.WaitForExit();
        return ps.StandardOutput.ReadToEnd().Trim().Length > 0;
    }
}
