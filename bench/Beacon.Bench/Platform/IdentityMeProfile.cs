using System.Diagnostics;
using System.Security.Cryptography;
using Beacon.TestKit;
using Npgsql;
using static Beacon.Bench.Platform.BenchArgs;

namespace Beacon.Bench.Platform;

/// <summary>
/// Where the time of <c>GET /api/v1/me</c> goes, measured piece by piece on the same stack (<c>--profile</c>):
/// the HTTP pipeline alone (<c>/health/live</c>: no auth, no database), one ES256 verification on one core,
/// and the endpoint's database work alone — <c>Db.OpenAsync</c>'s set_config round trip plus the query — against
/// the same query with the tenant set in the same round trip.
/// </summary>
internal static class IdentityMeProfile
{
    private const string Query = """
        SELECT u.id, u.email, u.display_name, u.team_id, t.name, t.is_demo
          FROM identity.users u JOIN identity.tenants t ON t.tenant_id = u.tenant_id
         WHERE u.tenant_id = $1 AND u.id = $2
        """;

    public static async Task RunAsync(BenchStack stack, HttpClient http, IReadOnlyList<TenantSession> users, int connections,
        TimeSpan duration, CancellationToken ct)
    {
        var (wall, cpuTime) = VerifyMicroseconds();
        Console.WriteLine($"profile: ES256 verify (P-256, this process) {F(wall, "0.0")} µs/op wall, {F(cpuTime, "0.0")} µs/op cpu");

        Request live = async (_, token) =>
        {
            using var response = await http.GetAsync("/health/live", token);
            await response.Content.ReadAsByteArrayAsync(token);
            return response.IsSuccessStatusCode;
        };
        var cpu = CpuMeter.Start(stack);
        var pipeline = await HttpLoad.ClosedLoopAsync(connections, duration, 10_000_000, live, ct);
        Console.WriteLine($"profile: GET /health/live (pipeline, no auth, no database), {connections} connections: {pipeline}");
        Console.WriteLine($"  {cpu.Report(pipeline.Count)}");

        // The server's pool is 24 connections; the database work alone, with the same pool bound.
        var pool = new NpgsqlConnectionStringBuilder(stack.AppConnectionString) { MaxPoolSize = 24 };
        await using var dataSource = NpgsqlDataSource.Create(pool.ConnectionString);
        foreach (var (label, combined) in new[] { ("set_config round trip + query (as Db.OpenAsync)", false), ("set_config and query in one round trip", true) })
        {
            Request db = async (worker, token) =>
            {
                var user = users[worker % users.Count];
                await using var conn = await dataSource.OpenConnectionAsync(token);
                await using var batch = new NpgsqlBatch(conn);
                batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT set_config('beacon.tenant_id', $1, false)") { Parameters = { new() { Value = user.TenantId.ToString() } } });
                if (!combined)
                {
                    await batch.ExecuteNonQueryAsync(token);
                    batch.BatchCommands.Clear();
                }

                batch.BatchCommands.Add(new NpgsqlBatchCommand(Query) { Parameters = { new() { Value = user.TenantId }, new() { Value = user.UserId } } });
                await using var reader = await batch.ExecuteReaderAsync(token);
                var rows = 0;
                do
                {
                    while (await reader.ReadAsync(token))
                    {
                        rows++;
                    }
                }
                while (await reader.NextResultAsync(token));

                return rows >= 1;
            };
            cpu = CpuMeter.Start(stack);
            var s = await HttpLoad.ClosedLoopAsync(connections, duration, 10_000_000, db, ct);
            Console.WriteLine($"profile: database only, {label}, {connections} callers on a 24-connection pool: {s}");
            Console.WriteLine($"  {cpu.Report(s.Count)}");
        }
    }

    private static (double Wall, double Cpu) VerifyMicroseconds()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var data = RandomNumberGenerator.GetBytes(400);
        var signature = key.SignData(data, HashAlgorithmName.SHA256);
        var ok = 0;
        for (var i = 0; i < 200; i++)
        {
            ok += key.VerifyData(data, signature, HashAlgorithmName.SHA256) ? 1 : 0;
        }

        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < 2_000; i++)
        {
            ok += key.VerifyData(data, signature, HashAlgorithmName.SHA256) ? 1 : 0;
        }

        var cpuUs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / 2_000;
        return ok > 0 ? (sw.Elapsed.TotalMicroseconds / 2_000, cpuUs) : (double.NaN, double.NaN);
    }
}
