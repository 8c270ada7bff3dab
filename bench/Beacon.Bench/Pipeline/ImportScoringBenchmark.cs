using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Beacon.Bench.Leads;
using Beacon.Bench.Platform;
using Beacon.Bench.Scoring;
using Beacon.TestKit;
using static Beacon.Bench.Platform.BenchArgs;

namespace Beacon.Bench.Pipeline;

/// <summary>
/// Imports a generated CSV (default 100,000 rows) and prints the seconds from the upload's first byte until every
/// imported lead has a score, while a capture every two seconds measures capture → score latency in the
/// interactive lane. Bar: 100,000 rows scored within 60 s, captures not starved meanwhile.
/// </summary>
internal sealed class ImportScoringBenchmark : IBenchmark
{
    public string Name => "import-scoring";

    public string Description => "import, then seconds until all scored; capture latency meanwhile [--rows 100000 --model true]";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var o = new BenchArgs(args);
        var rows = o.Int("--rows", 100_000);
        Console.WriteLine($"load average before: {LoadAverage()}");
        var file = await BenchCsv.WriteAsync(rows, 7);
        try
        {
            await using var stack = await BenchStack.StartAsync(o.Bool("--durable", true), cancellationToken);
            var server = await stack.StartServerAsync(o.ServerSettings(), o.Value("--app-options"));
            var (owner, bearer) = await LeadsBench.BrokerageAsync(server.BaseAddress, 3, cancellationToken);
            await LeadsBench.WaitForAgentsAsync(stack.AdminConnectionString, owner.TenantId, 3, false);
            using var http = BenchUsers.LoadClient(server.BaseAddress, 1);
            http.Timeout = TimeSpan.FromMinutes(30);
            if (o.Bool("--model", true))
            {
                Console.WriteLine(await ScoringBench.PublishModelAsync(http, bearer, cancellationToken));
            }

            var clock = Stopwatch.StartNew();
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var captures = CaptureLatenciesAsync(http, bearer, stop.Token);
            await using var body = File.OpenRead(file);
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/leads/imports")
            {
                Content = new StreamContent(body, 1 << 16) { Headers = { ContentType = new("text/csv") } },
            };
            request.Headers.Authorization = bearer;
            using var response = await http.SendAsync(request, cancellationToken);
            var summary = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
            Console.WriteLine($"upload answered {(int)response.StatusCode} after {F(clock.Elapsed.TotalSeconds)} s");
            Console.WriteLine($"import {summary.GetProperty("id")}: {summary.GetProperty("status")}");
            // The bench brokerage has this one import.
            var imported = await Poller.UntilAsync(() => LeadsBench.ScalarAsync(stack.AdminConnectionString, """
                    SELECT coalesce((SELECT CASE WHEN status = 'completed' THEN created ELSE -1 END FROM leads.imports WHERE tenant_id = $1), -1)
                    """, owner.TenantId), n => n >= 0, TimeSpan.FromMinutes(30), "the import completes");
            Console.WriteLine($"import completed after {F(clock.Elapsed.TotalSeconds)} s: {imported} leads created");
            await Poller.UntilAsync(() => LeadsBench.ScalarAsync(stack.AdminConnectionString, """
                    SELECT count(*) FROM scoring.scores s JOIN leads.leads l ON l.tenant_id = s.tenant_id AND l.id = s.lead_id
                     WHERE s.tenant_id = $1 AND l.import_id IS NOT NULL
                    """, owner.TenantId), n => n >= imported, TimeSpan.FromMinutes(30), "every imported lead is scored");
            var scored = clock.Elapsed.TotalSeconds;
            await stop.CancelAsync();
            var latencies = await captures;
            latencies.Sort();
            Console.WriteLine($"import-scoring: {rows} rows, {imported} leads, every one scored {F(scored)} s after the upload began");
            Console.WriteLine($"  captures meanwhile: {latencies.Count}, capture -> score median " +
                              $"{F(latencies.Count == 0 ? 0 : latencies[latencies.Count / 2], "0")} ms, max {F(latencies.LastOrDefault(), "0")} ms");
            Console.WriteLine($"  bar {rows} rows scored <= 60 s: {(scored <= 60 ? "MET" : "MISSED")}");
            Console.WriteLine($"load average after: {LoadAverage()}");
            return 0;
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>One capture every two seconds until stopped; for each, the milliseconds until its score is served.</summary>
    private static async Task<List<double>> CaptureLatenciesAsync(HttpClient http, AuthenticationHeaderValue bearer, CancellationToken ct)
    {
        var latencies = new List<double>();
        try
        {
            for (var i = 0; !ct.IsCancellationRequested; i++)
            {
                var watch = Stopwatch.StartNew();
                using var post = new HttpRequestMessage(HttpMethod.Post, "/api/v1/leads")
                {
                    Content = JsonContent.Create(new { firstName = "Live", email = $"live{i}@capture.test", source = "zillow" }),
                };
                post.Headers.Authorization = bearer;
                using var created = await http.SendAsync(post, ct);
                var lead = (await created.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetGuid();
                while (true)
                {
                    using var get = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/leads/{lead}/score");
                    get.Headers.Authorization = bearer;
                    using var score = await http.SendAsync(get, CancellationToken.None);
                    // 200 with status "pending" is a visible lead not scored yet.
                    if (score.IsSuccessStatusCode
                        && (await score.Content.ReadFromJsonAsync<JsonElement>(CancellationToken.None)).GetProperty("status").GetString() == "scored")
                    {
                        break;
                    }

                    await Task.Delay(20, CancellationToken.None);
                }

                latencies.Add(watch.Elapsed.TotalMilliseconds);
                await Task.Delay(TimeSpan.FromSeconds(2), ct);
            }
        }
        catch (OperationCanceledException)
        {
        }

        return latencies;
    }
}
