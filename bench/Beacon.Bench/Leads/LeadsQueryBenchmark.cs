using System.Net.Http.Json;
using Beacon.Bench.Platform;
using static Beacon.Bench.Platform.BenchArgs;

namespace Beacon.Bench.Leads;

/// <summary>
/// <c>GET /api/v1/leads?stage=…&amp;limit=50</c> over a brokerage of 100,000 leads (loaded by the CSV import), as the
/// owner (all leads) and as an agent (their own): a closed loop for the ceiling, then an open loop at a fixed rate.
/// Bar: 100,000 requests/minute (1,667/s) with p99 ≤ 20 ms; floor 10,000/minute under 100 ms.
/// </summary>
internal sealed class LeadsQueryBenchmark : IBenchmark
{
    private static readonly string[] Stages = ["new", "contacted", "qualified", "appointment", "nurture", "lost"];

    public string Name => "leads query";

    public string Description => "GET /api/v1/leads with a filter over 100k leads [--leads 100000 --rate 1667 --seconds 30 --connections 32 --durable true]";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var o = new BenchArgs(args);
        var count = o.Int("--leads", 100_000);
        var rate = o.Double("--rate", 1667);
        var seconds = o.Int("--seconds", 30);
        var connections = o.Int("--connections", 32);
        Console.WriteLine($"load average before: {LoadAverage()}");
        await using var stack = await BenchStack.StartAsync(o.Bool("--durable", true), cancellationToken);
        var server = await stack.StartServerAsync(o.ServerSettings(), o.Value("--app-options"));
        var (owner, bearer) = await LeadsBench.BrokerageAsync(server.BaseAddress, 3, cancellationToken);
        await LeadsBench.WaitForAgentsAsync(stack.AdminConnectionString, owner.TenantId, 3, o.ServerSettings().GetValueOrDefault("Beacon:Role") == "web");
        using var http = BenchUsers.LoadClient(server.BaseAddress, connections);
        http.Timeout = TimeSpan.FromMinutes(10);
        var file = await BenchCsv.WriteAsync(count * 10 / 9, 11);
        try
        {
            await using var body = File.OpenRead(file);
            using var load = new HttpRequestMessage(HttpMethod.Post, "/api/v1/leads/imports")
            {
                Content = new StreamContent(body) { Headers = { ContentType = new("text/csv") } },
            };
            load.Headers.Authorization = bearer;
            (await http.SendAsync(load, cancellationToken)).EnsureSuccessStatusCode();
        }
        finally
        {
            File.Delete(file);
        }

        await using (var conn = new Npgsql.NpgsqlConnection(stack.AdminConnectionString))
        {
            await conn.OpenAsync(cancellationToken);
            await using var analyze = new Npgsql.NpgsqlCommand("ANALYZE leads.leads", conn);
            await analyze.ExecuteNonQueryAsync(cancellationToken);
        }

        var total = await LeadsBench.ScalarAsync(stack.AdminConnectionString, "SELECT count(*) FROM leads.leads WHERE tenant_id = $1", owner.TenantId);
        Console.WriteLine($"brokerage: {total} leads over 3 agents");
        Request list = async (worker, ct) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/leads?stage={Stages[worker % Stages.Length]}&limit=50");
            request.Headers.Authorization = bearer;
            using var response = await http.SendAsync(request, ct);
            await response.Content.ReadAsByteArrayAsync(ct);
            return response.IsSuccessStatusCode;
        };

        var sample = await http.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/v1/leads?stage=contacted&limit=50") { Headers = { Authorization = bearer } }, cancellationToken);
        Console.WriteLine($"one page: {(await sample.Content.ReadAsByteArrayAsync(cancellationToken)).Length} bytes, 50 leads");
        await HttpLoad.ClosedLoopAsync(connections, TimeSpan.FromSeconds(5), 1_000_000, list, cancellationToken);
        var closed = await HttpLoad.ClosedLoopAsync(connections, TimeSpan.FromSeconds(seconds), 10_000_000, list, cancellationToken);
        Console.WriteLine($"leads query closed loop ({connections} connections): {closed}");
        Console.WriteLine($"load average before open loop: {LoadAverage()}");
        var cpu = CpuMeter.Start(stack);
        var (open, lag) = await HttpLoad.OpenLoopAsync(rate, TimeSpan.FromSeconds(seconds), list, cancellationToken);
        Console.WriteLine(cpu.Report(open.Count));
        Console.WriteLine($"leads query open loop ({F(rate, "0")}/s = {F(rate * 60, "0")}/min scheduled): {open}; dispatcher lag p99 {F(lag, "0.00")} ms");
        Console.WriteLine($"  bar 100000/min with p99 <= 20 ms: {(rate >= 1666 && open.P99 <= 20 && open.Throughput >= rate * 0.98 ? "MET" : "MISSED")}");
        Console.WriteLine($"load average after: {LoadAverage()}");
        return open.Errors == 0 ? 0 : 1;
    }
}
