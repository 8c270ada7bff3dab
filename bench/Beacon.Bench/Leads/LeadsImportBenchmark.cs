using System.Diagnostics;
using System.Text.Json;
using Beacon.Bench.Platform;
using static Beacon.Bench.Platform.BenchArgs;

namespace Beacon.Bench.Leads;

/// <summary>
/// <c>POST /api/v1/leads/imports</c> of a generated CSV (default 1,000,000 rows, 10 % repeats of earlier people),
/// timed from the first byte sent to the answer, then counted in the database. Bar: 1,000,000 rows with dedupe in
/// ≤ 50 s (≥ 20,000 rows/s).
/// </summary>
internal sealed class LeadsImportBenchmark : IBenchmark
{
    public string Name => "leads import";

    public string Description => "CSV import with dedupe [--rows 1000000 --chunk 5000 --durable true --set K=V]";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var o = new BenchArgs(args);
        var rows = o.Int("--rows", 1_000_000);
        var chunk = o.Int("--chunk", 5000);
        Console.WriteLine($"load average before: {LoadAverage()}");
        var file = await BenchCsv.WriteAsync(rows, 7);
        try
        {
            await using var stack = await BenchStack.StartAsync(o.Bool("--durable", true), cancellationToken);
            var server = await stack.StartServerAsync(o.ServerSettings(), o.Value("--app-options"));
            var (owner, bearer) = await LeadsBench.BrokerageAsync(server.BaseAddress, 3, cancellationToken);
            await LeadsBench.WaitForAgentsAsync(stack.AdminConnectionString, owner.TenantId, 3, o.ServerSettings().GetValueOrDefault("Beacon:Role") == "web");
            using var http = BenchUsers.LoadClient(server.BaseAddress, 1);
            http.Timeout = TimeSpan.FromMinutes(30);
            Console.WriteLine($"file: {rows} rows, {F(new FileInfo(file).Length / 1048576.0, "0.0")} MB, {BenchCsv.People(rows)} distinct people");
            var cpu = CpuMeter.Start(stack);
            var clock = Stopwatch.StartNew();
            await using var body = File.OpenRead(file);
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/leads/imports?chunkSize={chunk}")
            {
                Content = new StreamContent(body, 1 << 16) { Headers = { ContentType = new("text/csv") } },
            };
            request.Headers.Authorization = bearer;
            request.Headers.Add("Idempotency-Key", "bench-import");
            using var response = await http.SendAsync(request, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            clock.Stop();
            if (!response.IsSuccessStatusCode)
            {
                Console.WriteLine($"import failed: {(int)response.StatusCode} {text}\n{server.Output[^Math.Min(server.Output.Length, 4000)..]}");
                return 1;
            }

            var summary = JsonDocument.Parse(text).RootElement;
            Console.WriteLine(cpu.Report(rows));
            var leads = await LeadsBench.ScalarAsync(stack.AdminConnectionString,
                "SELECT count(*) FROM leads.leads WHERE tenant_id = $1 AND deleted_at IS NULL", owner.TenantId);
            var rate = rows / clock.Elapsed.TotalSeconds;
            Console.WriteLine($"leads import: {(int)response.StatusCode} in {F(clock.Elapsed.TotalSeconds, "0.0")} s, {F(rate, "0")} rows/s; " +
                              $"created {summary.GetProperty("created")}, merged {summary.GetProperty("merged")}, rejected {summary.GetProperty("rejected")}; " +
                              $"leads in the database {leads} (expected {BenchCsv.People(rows)})");
            Console.WriteLine($"  bar {rows} rows in <= 50 s (>= 20000 rows/s), every person once: " +
                              $"{(rate >= 20_000 && leads == BenchCsv.People(rows) ? "MET" : "MISSED")}");
            Console.WriteLine($"load average after: {LoadAverage()}");
            return leads == BenchCsv.People(rows) ? 0 : 1;
        }
        finally
        {
            File.Delete(file);
        }
    }
}
