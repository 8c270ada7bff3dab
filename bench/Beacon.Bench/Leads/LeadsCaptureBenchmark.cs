using System.Net;
using System.Net.Http.Json;
using Beacon.Bench.Platform;
using static Beacon.Bench.Platform.BenchArgs;

namespace Beacon.Bench.Leads;

/// <summary>
/// <c>POST /api/v1/leads</c> through the HTTP API with a bearer token, every lead a new person (round-robin assignment
/// over 3 agents, timeline entries, two outbox events each). Open loop at a fixed rate (latency from the scheduled
/// send), then the database is counted: every 201 is exactly one lead. Bar: 2,000 leads/s for 60 s, p99 ≤ 50 ms.
/// </summary>
internal sealed class LeadsCaptureBenchmark : IBenchmark
{
    public string Name => "leads capture";

    public string Description => "POST /api/v1/leads, new people [--assignment round_robin|manual --mode closed|open --concurrency 16 --rate 2000 --seconds 60 --warmup 5 --durable true --pg-statements false --analyze true --set K=V]";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var o = new BenchArgs(args);
        var rate = o.Double("--rate", 2000);
        var seconds = o.Int("--seconds", 60);
        var concurrency = o.Int("--concurrency", 16);
        var connections = Math.Max(concurrency, 64);
        var mode = o.Value("--mode") ?? "closed";
        Console.WriteLine($"load average before: {LoadAverage()}");
        var statements = o.Bool("--pg-statements", false);
        await using var stack = await BenchStack.StartAsync(o.Bool("--durable", true), cancellationToken, statements);
        var server = await stack.StartServerAsync(o.ServerSettings(), o.Value("--app-options"));
        var (owner, bearer) = await LeadsBench.BrokerageAsync(server.BaseAddress, 3, cancellationToken);
        await LeadsBench.WaitForAgentsAsync(stack.AdminConnectionString, owner.TenantId, 3, o.ServerSettings().GetValueOrDefault("Beacon:Role") == "web");
        using var http = BenchUsers.LoadClient(server.BaseAddress, connections);
        if (o.Value("--assignment") is { } assignment)
        {
            using var put = new HttpRequestMessage(HttpMethod.Put, "/api/v1/leads/assignment")
            {
                Content = JsonContent.Create(new { mode = assignment, rules = Array.Empty<object>() }),
            };
            put.Headers.Authorization = bearer;
            (await http.SendAsync(put, cancellationToken)).EnsureSuccessStatusCode();
            Console.WriteLine($"assignment mode: {assignment}");
        }
        long sequence = 0, created = 0, failures = 0;
        Request capture = async (_, ct) =>
        {
            var n = Interlocked.Increment(ref sequence);
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/leads")
            {
                Content = JsonContent.Create(new
                {
                    firstName = "Bench",
                    lastName = $"Lead{n}",
                    email = $"lead{n}@bench.test",
                    phone = LeadsBench.Phone(n),
                    source = n % 3 == 0 ? "zillow" : "website",
                    type = "buyer",
                    priceMin = 300000,
                    priceMax = 450000,
                    zipCodes = new[] { "95814" },
                }),
            };
            request.Headers.Authorization = bearer;
            using var response = await http.SendAsync(request, ct);
            await response.Content.ReadAsByteArrayAsync(ct);
            if (response.StatusCode == HttpStatusCode.Created)
            {
                Interlocked.Increment(ref created);
            }
            else if (Interlocked.Increment(ref failures) <= 3)
            {
                Console.WriteLine($"unexpected answer: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
            }

            return response.StatusCode == HttpStatusCode.Created;
        };

        await HttpLoad.ClosedLoopAsync(16, TimeSpan.FromSeconds(o.Int("--warmup", 5)), 1_000_000, capture, cancellationToken);
        if (o.Bool("--analyze", true))
        {
            // A fresh cluster's plans were made over empty tables; a running system has statistics (autovacuum
            // analyzes within a minute or so). Without this, the first minute measures plans for empty tables.
            await LeadsBench.AnalyzeAsync(stack.AdminConnectionString, cancellationToken);
            Console.WriteLine("analyzed the warmed-up database (--analyze false skips)");
        }

        Console.WriteLine($"load average before measured run: {LoadAverage()}");
        if (statements)
        {
            await PgStatements.ResetAsync(stack.AdminConnectionString, cancellationToken);
        }

        var cpu = CpuMeter.Start(stack);
        Summary run;
        var label = $"closed loop, {concurrency} concurrent requests, {seconds} s";
        if (mode == "open")
        {
            (run, var lag) = await HttpLoad.OpenLoopAsync(rate, TimeSpan.FromSeconds(seconds), capture, cancellationToken);
            label = $"open loop, {F(rate, "0")}/s scheduled for {seconds} s, latency from scheduled send, dispatcher lag p99 {F(lag, "0.00")} ms";
        }
        else
        {
            run = await HttpLoad.ClosedLoopAsync(concurrency, TimeSpan.FromSeconds(seconds), 100_000_000, capture, cancellationToken);
        }

        Console.WriteLine(cpu.Report(run.Count));
        if (statements)
        {
            await PgStatements.PrintTopAsync(stack.AdminConnectionString, run.Count, 20, cancellationToken);
        }

        var leads = await LeadsBench.ScalarAsync(stack.AdminConnectionString, "SELECT count(*) FROM leads.leads WHERE tenant_id = $1", owner.TenantId);
        var distinct = await LeadsBench.ScalarAsync(stack.AdminConnectionString,
            "SELECT count(DISTINCT emails[1]) FROM leads.leads WHERE tenant_id = $1", owner.TenantId);
        Console.WriteLine($"leads capture ({label}): {run}");
        Console.WriteLine($"  acknowledged (201) {created}, leads in the database {leads}, distinct people {distinct}: " +
                          $"lost {created - leads}, duplicated {leads - distinct}");
        Console.WriteLine($"  bar 2000/s sustained with p99 <= 50 ms, 0 lost, 0 duplicated: " +
                          $"{(run.P99 <= 50 && run.Throughput >= 2000 * 0.98 && run.Errors == 0 && created == leads && leads == distinct ? "MET" : "MISSED")}");
        Console.WriteLine($"load average after: {LoadAverage()}");
        return created == leads && leads == distinct ? 0 : 1;
    }
}
