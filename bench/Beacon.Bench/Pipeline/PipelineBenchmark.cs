using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Beacon.Bench.Enrichment;
using Beacon.Bench.Leads;
using Beacon.Bench.Platform;
using Beacon.Bench.Scoring;
using Beacon.TestKit.Sandbox;
using static Beacon.Bench.Platform.BenchArgs;

namespace Beacon.Bench.Pipeline;

/// <summary>
/// Issue 18's throughput run: every lead captured, scored, enriched and entered into a workflow, sustained. One server
/// process (web and worker) against an embedded PostgreSQL, the sandbox providers as their own process answering in
/// 50–200 ms, a brokerage with three agents, a published model and a live "lead created" workflow. Leads with real
/// Sacramento addresses are posted open loop at <c>--rate</c> for <c>--seconds</c>; the queue then drains, and every
/// figure is read from the database per lead, from its capture (<c>leads.created_at</c>): its first
/// <c>lead.scored</c> event, its last provider step final, its workflow enrollment. Lost (a 201 with no lead row) and
/// duplicated leads are counted from the ids the API answered.
/// </summary>
internal sealed class PipelineBenchmark : IBenchmark
{
    public string Name => "pipeline";

    public string Description => "capture + score + enrich + workflow trigger sustained [--rate 1000 --seconds 900 --warmup 10 --drain 300 --latency 50-200 --connections 128 --pg-statements false]";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var o = new BenchArgs(args);
        var (rate, seconds, latency) = (o.Double("--rate", 1000), o.Int("--seconds", 900), o.Value("--latency") ?? "50-200");
        Console.WriteLine($"load average before: {LoadAverage()}; {F(rate, "0")} leads/s for {seconds} s, providers {latency} ms");
        var statements = o.Bool("--pg-statements", false);
        await using var stack = await BenchStack.StartAsync(o.Bool("--durable", true), cancellationToken, statements);
        string[] knobs = [$"--Sandbox:Property:LatencyMs={latency}", $"--Sandbox:Person:LatencyMs={latency}", $"--Sandbox:Credit:LatencyMs={latency}"];
        await using var sandbox = await SandboxProcess.StartAsync(EnrichmentRun.SandboxDll(), TimeSpan.FromSeconds(30), knobs);
        var settings = EnrichmentRun.ProviderSettings(sandbox.BaseAddress);
        foreach (var (k, v) in o.ServerSettings())
        {
            settings[k] = v;
        }

        var server = await stack.StartServerAsync(settings);
        var (owner, bearer) = await LeadsBench.BrokerageAsync(server.BaseAddress, 3, cancellationToken);
        await ScoringBench.WaitForAgentsAsync(stack.AdminConnectionString, owner.TenantId, 3);
        using var http = BenchUsers.LoadClient(server.BaseAddress, o.Int("--connections", 128));
        Console.WriteLine(await ScoringBench.PublishModelAsync(http, bearer, cancellationToken));
        await WorkflowAsync(http, bearer, cancellationToken);

        var streets = EnrichmentRun.Streets();
        var accepted = new System.Collections.Concurrent.ConcurrentBag<Guid>();
        long sequence = 0;
        Request Capture(string firstName) => async (_, ct) =>
        {
            var n = Interlocked.Increment(ref sequence);
            using var post = new HttpRequestMessage(HttpMethod.Post, "/api/v1/leads")
            {
                Content = JsonContent.Create(new
                {
                    firstName,
                    lastName = $"Lead{n}",
                    email = $"pipeline.lead{n}@example.com",
                    phone = LeadsBench.Phone(n),
                    source = Sources[n % Sources.Length],
                    type = "seller",
                    timeline = "0_3_months",
                    propertyAddress = new { street = streets[(int)(n % streets.Length)], city = "Sacramento", state = "CA" },
                }),
                Headers = { Authorization = bearer },
            };
            using var created = await http.SendAsync(post, ct);
            if (created.StatusCode != HttpStatusCode.Created)
            {
                return false;
            }

            accepted.Add((await created.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetGuid());
            return true;
        };

        // Warm-up leads ("Warmup", not counted) through the whole pipeline, then ANALYZE: plans are made over analyzed
        // tables, as autovacuum keeps a running system's (a fresh cluster's generic plans were made over empty tables).
        var warmup = await HttpLoad.OpenLoopAsync(Math.Min(rate, 20), TimeSpan.FromSeconds(o.Int("--warmup", 10)), Capture("Warmup"), cancellationToken);
        await PipelineFigures.DrainAsync(stack.AdminConnectionString, owner.TenantId, TimeSpan.FromSeconds(o.Int("--drain", 300)), cancellationToken);
        await LeadsBench.AnalyzeAsync(stack.AdminConnectionString, cancellationToken);
        Console.WriteLine($"warm-up: {warmup.Summary.Count} leads through the pipeline, drained, tables analyzed; load average {LoadAverage()}");
        accepted.Clear();
        var capture = Capture("Pipeline");

        if (statements)
        {
            await PgStatements.ResetAsync(stack.AdminConnectionString, cancellationToken);
        }

        var cpu = CpuMeter.Start(stack);
        var (posted, lag) = await HttpLoad.OpenLoopAsync(rate, TimeSpan.FromSeconds(seconds), capture, cancellationToken);
        Console.WriteLine($"POST /api/v1/leads, open loop: {posted}; dispatcher lag p99 {F(lag, "0.0")} ms");
        Console.WriteLine(cpu.Report(posted.Count));
        var figures = await PipelineFigures.DrainAndReadAsync(stack.AdminConnectionString, owner.TenantId, [.. accepted],
            TimeSpan.FromSeconds(o.Int("--drain", 300)), cancellationToken);
        Console.WriteLine(figures.Report(rate, posted));
        if (statements)
        {
            await PgStatements.PrintTopAsync(stack.AdminConnectionString, figures.Leads, 15, cancellationToken);
        }

        Console.WriteLine($"load average after: {LoadAverage()}");
        return figures.Met(rate, posted) ? 0 : 1;
    }

    private static readonly string[] Sources = ["zillow", "website", "referral", "facebook", "open_house"];

    /// <summary>A live workflow every new lead enters: tag it (a write to the lead, as a real first step would make).</summary>
    private static async Task WorkflowAsync(HttpClient http, System.Net.Http.Headers.AuthenticationHeaderValue bearer, CancellationToken ct)
    {
        using var post = new HttpRequestMessage(HttpMethod.Post, "/api/v1/workflows")
        {
            Content = JsonContent.Create(new
            {
                name = "New lead welcome",
                trigger = new { type = "lead_created" },
                steps = new object[] { new { type = "add_tag", tag = "welcomed" } },
            }),
            Headers = { Authorization = bearer },
        };
        using var response = await http.SendAsync(post, ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"creating the workflow answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
        }
    }
}
