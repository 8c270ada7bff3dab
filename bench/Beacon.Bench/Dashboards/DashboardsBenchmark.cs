using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Beacon.Bench.Leads;
using Beacon.Bench.Platform;
using Beacon.Contracts.Identity;
using Beacon.TestKit;
using Npgsql;
using static Beacon.Bench.Platform.BenchArgs;

namespace Beacon.Bench.Dashboards;

/// <summary>
/// Issue 12's bars with 1,000,000 leads in one brokerage: the dashboard API routes the conversions and insights screens
/// call answer at p99 ≤ 100 ms (as owner, team lead and agent), and both screens are interactive in Chromium within
/// 500 ms of navigation start (median of 5 loads). The demo brokerage is seeded by the real server (users, teams, its
/// own leads through the real handlers), agents are invited through the real flow, then the bulk of the leads is added
/// with generate_series (<see cref="DashboardSeed"/>).
/// </summary>
internal sealed class DashboardsBenchmark : IBenchmark
{
    public string Name => "dashboards";

    public string Description => "conversions + insights API p99 and time to interactive with 1M leads [--leads 1000000 --requests 200 --loads 5 --agents 40 --team 6 --durable true --data DIR (keep the seeded cluster there; reused when it holds the leads) --seed-only true (seed into --data, measure nothing)]";

    public async Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        var o = new BenchArgs(args);
        var leads = o.Int("--leads", 1_000_000);
        var contentRoot = ServerContentRoot();
        Console.WriteLine($"load average before: {LoadAverage()}; {leads:N0} leads, {o.Int("--requests", 200)} requests per route and role");
        await using var stack = await BenchStack.StartAsync(o.Bool("--durable", true), ct, keep: o.Value("--data"));
        var seeded = await LeadsBench.ScalarAsync(stack.AdminConnectionString,
            "SELECT count(*) FROM leads.leads WHERE tenant_id = $1 AND first_name = 'Bench'", DemoTenant.TenantId);
        var reuse = seeded >= leads;
        var settings = new Dictionary<string, string?>
        {
            ["Beacon:Demo:SeedOnStart"] = reuse ? "false" : "true",
            ["Beacon:Demo:Leads"] = o.Int("--demo-leads", 3000).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["contentRoot"] = contentRoot,
        };
        foreach (var (key, value) in o.ServerSettings())
        {
            settings[key] = value;
        }

        var server = await stack.StartServerAsync(settings);
        var seed = Stopwatch.StartNew();
        if (reuse)
        {
            Console.WriteLine($"reusing the seeded brokerage in {stack.DataDirectory} ({seeded:N0} bench leads)");
        }
        else
        {
            await DrainJobsAsync(stack.AdminConnectionString, ct);
            var agents = await InviteAgentsAsync(server.BaseAddress, stack.AdminConnectionString, o.Int("--agents", 40), o.Int("--team", 6), ct);
            Console.WriteLine($"demo brokerage seeded and its jobs drained; {agents} agents and team leads take leads");
            await DashboardSeed.AddLeadsAsync(stack.AdminConnectionString, DemoTenant.TenantId, leads, ct);
        }

        await DrainJobsAsync(stack.AdminConnectionString, ct);
        var total = await LeadsBench.ScalarAsync(stack.AdminConnectionString, "SELECT count(*) FROM leads.leads WHERE tenant_id = $1", DemoTenant.TenantId);
        var cells = await LeadsBench.ScalarAsync(stack.AdminConnectionString, "SELECT count(*) FROM conversions.funnel_hourly WHERE tenant_id = $1", DemoTenant.TenantId);
        var days = await LeadsBench.ScalarAsync(stack.AdminConnectionString, "SELECT count(*) FROM conversions.funnel_daily WHERE tenant_id = $1", DemoTenant.TenantId);
        Console.WriteLine($"seeded in {F(seed.Elapsed.TotalSeconds)} s: the brokerage holds {total:N0} leads in {cells:N0} hourly funnel cells, {days:N0} daily rows");
        await VacuumAsync(stack.AdminConnectionString, ct);
        if (o.Bool("--seed-only", false))
        {
            return 0; // for EXPLAIN ANALYZE on the kept cluster (--data) before a measured run reuses it
        }

        var sessions = await SignInAsync(server.BaseAddress, [Roles.Owner, Roles.TeamLead, Roles.Agent], ct);
        using var http = BenchUsers.LoadClient(server.BaseAddress, 4);
        var routes = new DashboardRoutes(http, o.Int("--requests", 200));
        Console.WriteLine($"API, one request at a time (load average {LoadAverage()}):");
        foreach (var session in sessions)
        {
            await routes.MeasureAsync(session, ct);
        }

        Console.WriteLine($"Chromium, navigation start to figures rendered (load average {LoadAverage()}):");
        var yearAgo = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime).AddDays(-364);
        var pages = await PageTimings.MeasureAsync(server.BaseAddress, sessions,
        [
            new("/reports/conversions (30 days)", "/reports/conversions", "beacon:conversions-ready"),
            new("/reports/conversions (365 days)", $"/reports/conversions?from={yearAgo:yyyy-MM-dd}", "beacon:conversions-ready"),
            new("/insights", "/insights", "beacon:insights-ready"),
        ], o.Int("--loads", 5), ct);

        var worst = routes.Results.MaxBy(r => r.P99)!;
        var slowestPage = pages.MaxBy(p => p.MedianMs);
        var errors = routes.Results.Sum(r => r.Errors);
        Console.WriteLine($"  bar API p99 <= 100 ms: {(worst.P99 <= 100 ? "MET" : "MISSED")} (worst: {worst.Role} {worst.Route} p99 {F(worst.P99)} ms; errors {errors})");
        foreach (var missed in routes.Results.Where(r => r.P99 > 100))
        {
            Console.WriteLine($"    over the bar: {missed.Role} {missed.Route} p99 {F(missed.P99)} ms");
        }

        Console.WriteLine($"  bar interactive <= 500 ms: {(slowestPage.MedianMs <= 500 ? "MET" : "MISSED")} (slowest: {slowestPage.Role} {slowestPage.Screen.Name} median {F(slowestPage.MedianMs, "0")} ms)");
        Console.WriteLine($"load average after: {LoadAverage()}");
        return errors == 0 ? 0 : 1;
    }

    /// <summary>Invites agents through the real flow (the first <paramref name="team"/> into the demo team) and waits for both projections.</summary>
    private static async Task<long> InviteAgentsAsync(Uri server, string admin, int count, int team, CancellationToken ct)
    {
        var clients = new List<HttpClient>();
        HttpClient Create()
        {
            var client = new HttpClient { BaseAddress = server };
            clients.Add(client);
            return client;
        }

        try
        {
            var (_, ownerEmail, _, _, _) = DemoTenant.Users.Single(u => u.Role == Roles.Owner);
            var tokens = await ApiClient.LoginAsync(Create(), ownerEmail, DemoTenant.Password);
            var client = Create().WithBearer(tokens.AccessToken);
            var me = await client.GetFromJsonAsync<JsonElement>("/api/v1/me", ApiClient.Json, ct);
            var owner = new TenantSession(DemoTenant.TenantId, me.GetProperty("id").GetGuid(), ownerEmail, DemoTenant.Password, tokens, client);
            for (var i = 0; i < count; i++)
            {
                await ApiClient.AddMemberAsync(owner, Create, Roles.Agent, i < team ? DemoTenant.TeamId : null);
            }
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }

        const string sql = "SELECT count(*) FROM {0} WHERE tenant_id = $1 AND user_id IN (SELECT id FROM identity.users WHERE tenant_id = $1 AND role IN ('agent', 'team_lead'))";
        var expected = count + DemoTenant.Users.Count(u => u.Role is Roles.Agent or Roles.TeamLead);
        foreach (var table in new[] { "leads.agents", "conversions.agents" })
        {
            await Poller.UntilAsync(() => LeadsBench.ScalarAsync(admin, string.Format(System.Globalization.CultureInfo.InvariantCulture, sql, table), DemoTenant.TenantId),
                n => n >= expected, TimeSpan.FromSeconds(120), $"the agents in {table}");
        }

        return expected;
    }

    private static async Task<List<RoleSession>> SignInAsync(Uri server, string[] roles, CancellationToken ct)
    {
        using var anonymous = new HttpClient { BaseAddress = server };
        var sessions = new List<RoleSession>();
        foreach (var role in roles)
        {
            var email = DemoTenant.Users.Single(u => u.Role == role).Email;
            sessions.Add(new RoleSession(role, email, (await ApiClient.LoginAsync(anonymous, email, DemoTenant.Password)).AccessToken));
        }

        ct.ThrowIfCancellationRequested();
        return sessions;
    }

    /// <summary>The demo seed enqueues work (scoring its history …): wait for the queue to empty so it does not share the run.</summary>
    /// <summary>
    /// The state autovacuum keeps a live database in: the tables the screens read vacuumed and analysed, so index-only
    /// scans skip the heap. Without it, a run right after a seed or a migration's backfill measures the visibility map
    /// being built (the first 1,000,000-lead run after migration 0007 read 150 ms where the next read 59 ms).
    /// </summary>
    private static async Task VacuumAsync(string adminConnection, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        await using var conn = new NpgsqlConnection(adminConnection);
        await conn.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand("VACUUM (ANALYZE) conversions.lead_facts, conversions.deals, conversions.funnel_hourly, " +
            "conversions.funnel_daily, conversions.funnel_monthly, conversions.funnel_day_stages, conversions.funnel_day_agents, " +
            "conversions.funnel_month_sources, conversions.funnel_month_agents, conversions.funnel_day_sources, " +
            "conversions.timing_cells, conversions.attribution_cells, conversions.deal_cells, scoring.scores, scoring.outcomes, " +
            "scoring.distribution_cells", conn)
        { CommandTimeout = 0 };
        await cmd.ExecuteNonQueryAsync(ct);
        Console.WriteLine($"vacuumed and analysed the tables the screens read in {F(clock.Elapsed.TotalSeconds)} s");
    }

    private static async Task DrainJobsAsync(string admin, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        await Poller.UntilAsync(() => LeadsBench.ScalarAsync(admin, "SELECT count(*) FROM platform.jobs WHERE run_at <= now() AND $1::uuid IS NOT NULL", DemoTenant.TenantId),
            n => n == 0, TimeSpan.FromMinutes(10), "the demo brokerage's jobs");
    }

    /// <summary>src/Beacon.Server of this checkout, which must hold the built web app (wwwroot) the screens load.</summary>
    private static string ServerContentRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Beacon.slnx")))
        {
            dir = dir.Parent;
        }

        var root = Path.Combine(dir?.FullName ?? throw new InvalidOperationException("Beacon.slnx not found above the bench."), "src", "Beacon.Server");
        return File.Exists(Path.Combine(root, "wwwroot", "index.html")) ? root
            : throw new InvalidOperationException($"The web app is not built ({root}/wwwroot/index.html): run `cd web && npm ci && npm run build`, or build Beacon.Server without SkipWebBuild.");
    }
}
