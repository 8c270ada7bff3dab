using System.Diagnostics;
using System.Net.Http.Json;
using Beacon.Bench.Platform;
using Beacon.TestKit;
using Beacon.TestKit.Sandbox;
using Npgsql;
using static Beacon.Bench.Platform.BenchArgs;

namespace Beacon.Bench.Enrichment;

/// <summary>
/// One enrichment load run: an embedded PostgreSQL, the sandbox providers as a process, one Beacon.Server process
/// pointed at them, then leads with Sacramento addresses posted at a fixed rate. Figures come from the database:
/// from each lead's <c>created_at</c> to the last provider step's <c>completed_at</c>, and to its first <c>lead.scored</c>.
/// </summary>
internal static class EnrichmentRun
{
    public sealed record Result(Summary Enriched, Summary Scored, long Unfinished, long Leads);

    public static async Task<Result> RunAsync(BenchArgs a, string[] sandboxKnobs, CancellationToken ct)
    {
        var rate = a.Double("--rate", 100);
        var seconds = a.Int("--seconds", 20);
        await using var stack = await BenchStack.StartAsync(durable: a.Bool("--durable", true), ct);
        await using var sandbox = await SandboxProcess.StartAsync(SandboxDll(), TimeSpan.FromSeconds(30), sandboxKnobs);
        Console.WriteLine($"sandbox: {sandbox.BaseAddress} {string.Join(' ', sandboxKnobs)}");
        var settings = ProviderSettings(sandbox.BaseAddress);
        foreach (var (k, v) in a.ServerSettings())
        {
            settings[k] = v;
        }

        var server = await stack.StartServerAsync(settings);
        var session = await ApiClient.SignupAsync(() => new HttpClient { BaseAddress = server.BaseAddress });
        var streets = Streets();
        var (post, lag) = await HttpLoad.OpenLoopAsync(rate, TimeSpan.FromSeconds(seconds), async (i, token) =>
        {
            var n = Interlocked.Increment(ref _sequence);
            var response = await session.Client.PostAsJsonAsync("/api/v1/leads", new
            {
                firstName = "Bench",
                lastName = $"Lead{n}",
                email = $"bench.lead{n}@example.com",
                type = "seller",
                propertyAddress = new { street = streets[(int)(n % streets.Length)], city = "Sacramento", state = "CA" },
            }, token);
            return response.IsSuccessStatusCode;
        }, ct);
        Console.WriteLine($"POST /api/v1/leads: {post}; dispatcher lag p99 {F(lag, "0.0")} ms");

        await using var db = new NpgsqlConnection(stack.AdminConnectionString);
        await db.OpenAsync(ct);
        var wait = Stopwatch.StartNew();
        long unfinished;
        do
        {
            await Task.Delay(500, ct);
            unfinished = await ScalarAsync(db, "SELECT count(*) FROM enrichment.runs WHERE state = 'pending'", ct);
        }
        while (unfinished > 0 && wait.Elapsed < TimeSpan.FromSeconds(a.Int("--drain", 60)));

        var enriched = await DurationsAsync(db, """
            SELECT extract(epoch FROM max(r.completed_at) - l.created_at) * 1000 FROM enrichment.runs r
            JOIN leads.leads l ON l.tenant_id = r.tenant_id AND l.id = r.lead_id
            GROUP BY l.id, l.created_at HAVING bool_and(r.state <> 'pending')
            """, ct);
        var scored = await DurationsAsync(db, """
            SELECT extract(epoch FROM min(e.recorded_at) - l.created_at) * 1000 FROM platform.events e
            JOIN leads.leads l ON l.tenant_id = e.tenant_id AND l.id = (e.payload->>'leadId')::uuid
            WHERE e.type = 'lead.scored' GROUP BY l.id, l.created_at
            """, ct);
        var leads = await ScalarAsync(db, "SELECT count(*) FROM leads.leads", ct);
        return new Result(enriched, scored, unfinished, leads);
    }

    private static long _sequence;

    /// <summary>The server's settings that point all three enrichment providers at the sandbox process.</summary>
    internal static Dictionary<string, string?> ProviderSettings(Uri sandbox) => new()
    {
        ["Beacon:Enrichment:Property:BaseUrl"] = sandbox.ToString(),
        ["Beacon:Enrichment:Property:ApiKey"] = "sandbox-property-key",
        ["Beacon:Enrichment:Person:BaseUrl"] = sandbox.ToString(),
        ["Beacon:Enrichment:Person:ApiKey"] = "sandbox-person-key",
        ["Beacon:Enrichment:Credit:BaseUrl"] = sandbox.ToString(),
        ["Beacon:Enrichment:Credit:ApiKey"] = "sandbox-credit-token",
    };

    /// <summary>One duration in milliseconds per row of <paramref name="sql"/> (its first column), summarised.</summary>
    internal static async Task<Summary> DurationsAsync(NpgsqlConnection db, string sql, CancellationToken ct, params object[] parameters)
    {
        var samples = new List<double>();
        await using var cmd = new NpgsqlCommand(sql, db) { CommandTimeout = 0 };
        foreach (var p in parameters)
        {
            cmd.Parameters.AddWithValue(p);
        }

        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            samples.Add((double)reader.GetDecimal(0));
        }

        var latencies = new Latencies();
        latencies.Add(samples, 0);
        return latencies.Summarise(TimeSpan.Zero);
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection db, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, db);
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>Real Sacramento streets from the sandbox's data file (so property lookups match).</summary>
    internal static string[] Streets() =>
        [.. File.ReadLines(Path.Combine(Root(), "src/Beacon.Sandbox/Data/Sacramentorealestatetransactions.csv"))
            .Skip(1).Select(l => l.Split(',')[0]).Where(s => s.Length > 0).Distinct()];

    internal static string SandboxDll()
    {
        foreach (var configuration in new[] { "Release", "Debug" })
        {
            var path = Path.Combine(Root(), "src/Beacon.Sandbox/bin", configuration, "net10.0/Beacon.Sandbox.dll");
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new InvalidOperationException("Build the sandbox first: dotnet build src/Beacon.Sandbox -c Release");
    }

    private static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Beacon.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Run the bench from inside the repository.");
    }
}
