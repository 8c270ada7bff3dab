using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Beacon.Bench.Leads;
using Beacon.Bench.Platform;
using static Beacon.Bench.Platform.BenchArgs;

namespace Beacon.Bench.Scoring;

/// <summary>
/// Time from sending <c>POST /api/v1/leads</c> until <c>GET /api/v1/leads/{id}/score</c> answers status "scored"
/// (polled every 10 ms), open loop at a fixed rate against a real server process. Bar: p99 ≤ 100 ms at 200 leads/s sustained.
/// </summary>
internal sealed class ScoringLatencyBenchmark : IBenchmark
{
    public string Name => "scoring latency";

    public string Description => "score visible after POST /api/v1/leads [--rate 200 --seconds 30 --warmup 5 --connections 64 --model true --observe socket|poll --pg-activity false --pg-statements false --durable true]";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var o = new BenchArgs(args);
        var rate = o.Double("--rate", 200);
        var seconds = o.Int("--seconds", 30);
        Console.WriteLine($"load average before: {LoadAverage()}");
        var statements = o.Bool("--pg-statements", false);
        await using var stack = await BenchStack.StartAsync(o.Bool("--durable", true), cancellationToken, statements);
        var server = await stack.StartServerAsync(o.ServerSettings());
        var (owner, bearer) = await LeadsBench.BrokerageAsync(server.BaseAddress, 3, cancellationToken);
        await ScoringBench.WaitForAgentsAsync(stack.AdminConnectionString, owner.TenantId, 3);
        using var http = BenchUsers.LoadClient(server.BaseAddress, o.Int("--connections", 64));
        if (o.Bool("--model", true))
        {
            Console.WriteLine(await ScoringBench.PublishModelAsync(http, bearer, cancellationToken));
        }

        // How the score is seen: by its lead.scored frame on a live socket (what a screen does), or by polling
        // GET /leads/{id}/score every 10 ms (once scoring falls behind, the polls themselves swamp the server).
        var poll = (o.Value("--observe") ?? "socket") == "poll";
        using var watcher = poll ? null : await Live.Watcher.ConnectAsync(server.BaseAddress, owner.Tokens.AccessToken, cancellationToken,
            eventType: "lead.scored");
        Console.WriteLine(poll ? "observing: GET /leads/{id}/score every 10 ms" : "observing: lead.scored frames on the owner's live socket");
        long sequence = 0, failures = 0;
        string[] sources = ["zillow", "website", "referral", "facebook", "open_house"];
        Request scoreVisible = async (_, ct) =>
        {
            var n = Interlocked.Increment(ref sequence);
            using var post = new HttpRequestMessage(HttpMethod.Post, "/api/v1/leads")
            {
                Content = JsonContent.Create(new
                {
                    firstName = "Bench",
                    lastName = $"Lead{n}",
                    email = $"lead{n}@bench.test",
                    phone = LeadsBench.Phone(n),
                    source = sources[n % sources.Length],
                    type = "buyer",
                    timeline = "0_3_months",
                    financing = "pre_approved",
                }),
            };
            post.Headers.Authorization = bearer;
            using var created = await http.SendAsync(post, ct);
            if (created.StatusCode != HttpStatusCode.Created)
            {
                return Fail($"capture answered {(int)created.StatusCode}");
            }

            var id = (await created.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetGuid();
            if (watcher is not null)
            {
                return await watcher.WaitForAsync(id, TimeSpan.FromSeconds(5)) > 0 || Fail("no lead.scored within 5 s");
            }

            var waited = Stopwatch.StartNew();
            while (waited.Elapsed < TimeSpan.FromSeconds(5))
            {
                using var get = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/leads/{id}/score");
                get.Headers.Authorization = bearer;
                using var score = await http.SendAsync(get, ct);
                // 200 with status "pending" is a visible lead not scored yet.
                if (score.StatusCode == HttpStatusCode.OK
                    && (await score.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("status").GetString() == "scored")
                {
                    return true;
                }

                await Task.Delay(10, ct);
            }

            return Fail("no score within 5 s");
        };

        await HttpLoad.ClosedLoopAsync(8, TimeSpan.FromSeconds(o.Int("--warmup", 5)), 1_000_000, scoreVisible, cancellationToken);
        // As in a running system (autovacuum), plans are made over analyzed tables, not the fresh cluster's empty ones.
        await LeadsBench.AnalyzeAsync(stack.AdminConnectionString, cancellationToken);
        Console.WriteLine($"load average before measured run: {LoadAverage()}");
        if (statements)
        {
            await PgStatements.ResetAsync(stack.AdminConnectionString, cancellationToken);
        }

        var cpu = CpuMeter.Start(stack);
        using var sampling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var activity = o.Bool("--pg-activity", false)
            ? PgActivity.SampleAsync(stack.AdminConnectionString, TimeSpan.FromSeconds(5), sampling.Token)
            : Task.CompletedTask;
        var (open, lag) = await HttpLoad.OpenLoopAsync(rate, TimeSpan.FromSeconds(seconds), scoreVisible, cancellationToken);
        await sampling.CancelAsync();
        await activity;
        Console.WriteLine(cpu.Report(open.Count));
        if (statements)
        {
            await PgStatements.PrintTopAsync(stack.AdminConnectionString, open.Count, 15, cancellationToken);
        }

        var scored = await LeadsBench.ScalarAsync(stack.AdminConnectionString, "SELECT count(*) FROM scoring.scores WHERE tenant_id = $1", owner.TenantId);
        var leads = await LeadsBench.ScalarAsync(stack.AdminConnectionString, "SELECT count(*) FROM leads.leads WHERE tenant_id = $1", owner.TenantId);
        Console.WriteLine($"scoring latency open loop ({F(rate, "0")}/s scheduled for {seconds} s), POST until the score is visible: {open}; dispatcher lag p99 {F(lag, "0.00")} ms");
        var byModel = await LeadsBench.ScalarAsync(stack.AdminConnectionString,
            "SELECT count(*) FROM scoring.scores WHERE tenant_id = $1 AND method = 'model'", owner.TenantId);
        Console.WriteLine($"  leads {leads}, scored {scored} ({byModel} by the model, {scored - byModel} by the scorecard)");
        // Server-side view without the polling: capture time (the lead's created_at) to the score's commit time.
        var p99 = await LeadsBench.ScalarAsync(stack.AdminConnectionString, """
            SELECT COALESCE(round(percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM s.scored_at - l.created_at) * 1000)), -1)
              FROM leads.leads l JOIN scoring.scores s ON s.tenant_id = l.tenant_id AND s.lead_id = l.id
             WHERE l.tenant_id = $1 AND l.last_name LIKE 'Lead%'
            """, owner.TenantId);
        var p50 = await LeadsBench.ScalarAsync(stack.AdminConnectionString, """
            SELECT COALESCE(round(percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM s.scored_at - l.created_at) * 1000)), -1)
              FROM leads.leads l JOIN scoring.scores s ON s.tenant_id = l.tenant_id AND s.lead_id = l.id
             WHERE l.tenant_id = $1 AND l.last_name LIKE 'Lead%'
            """, owner.TenantId);
        Console.WriteLine($"  server side, capture to score committed (last score of each lead): p50 {p50} ms, p99 {p99} ms");
        Console.WriteLine($"  bar p99 <= 100 ms at {F(rate, "0")}/s: {(open.P99 <= 100 && open.Throughput >= rate * 0.98 && open.Errors == 0 ? "MET" : "MISSED")}");
        Console.WriteLine($"load average after: {LoadAverage()}");
        if (open.Errors > 0)
        {
            var errors = server.Output.Split('\n').Where(l => l.Contains("\"LogLevel\":\"Error\"", StringComparison.Ordinal)).Take(3);
            Console.WriteLine($"server errors (first 3):{Environment.NewLine}{string.Join(Environment.NewLine, errors.Select(e => e.Length > 1500 ? e[..1500] : e))}");
        }

        return open.Errors == 0 ? 0 : 1;

        bool Fail(string why)
        {
            if (Interlocked.Increment(ref failures) <= 3)
            {
                Console.WriteLine($"failure: {why}");
            }

            return false;
        }
    }
}
