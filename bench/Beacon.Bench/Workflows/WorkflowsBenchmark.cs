using Beacon.Bench.Platform;
using Npgsql;
using static Beacon.Bench.Platform.BenchArgs;

namespace Beacon.Bench.Workflows;

/// <summary>
/// Step fire lateness of the workflow engine: N enrollments (100,000 by default) seeded with their e-mail step due at
/// random moments of a window, against one Beacon.Server (role all). Lateness is the step's run (the handler's clock
/// when it claimed the step's idempotency key, <c>step_runs.ran_at</c>) minus its due time. Bar: p99 ≤ 1 s.
/// </summary>
internal sealed class WorkflowsBenchmark : IBenchmark
{
    public string Name => "workflows";

    public string Description => "step fire lateness (run - due) [--enrollments 100000 --window 300 --lead 20 --durable true --pg-statements false --set Beacon:Jobs:Concurrency=4]";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var o = new BenchArgs(args);
        var count = o.Int("--enrollments", 100_000);
        var window = TimeSpan.FromSeconds(o.Int("--window", 300));
        var settings = o.ServerSettings();
        // No SMTP server: the e-mail job writes to the log instead, so the figure is the engine's, not an SMTP sink's.
        settings.TryAdd("Beacon:Email:Smtp:Host", "");
        settings.TryAdd("Beacon:Billing:SchedulerEnabled", "false");
        Console.WriteLine($"load average before: {LoadAverage()}");

        var statements = o.Bool("--pg-statements", false);
        await using var stack = await BenchStack.StartAsync(o.Bool("--durable", true), cancellationToken, statements);
        await stack.StartServerAsync(settings);
        var zone = DaytimeZone(window);
        var (tenant, start, committed) = await EnrollmentSeed.SeedAsync(stack.AdminConnectionString, count, window,
            TimeSpan.FromSeconds(o.Int("--lead", 20)), zone, cancellationToken);
        Console.WriteLine($"seeded {count} enrollments (one e-mail step each, brokerage zone {zone}) due over {window.TotalSeconds:0} s " +
                          $"from {start:HH:mm:ss.fff}; committed {(start - committed).TotalSeconds:0.0} s before the window opened");
        if (statements)
        {
            await PgStatements.ResetAsync(stack.AdminConnectionString, cancellationToken); // the seed's statements are not the engine's
        }

        var cpu = CpuMeter.Start(stack);

        await using var dataSource = NpgsqlDataSource.Create(stack.AdminConnectionString);
        var deadline = start + window + TimeSpan.FromSeconds(o.Int("--drain-timeout", 600));
        long ran;
        do
        {
            await Task.Delay(TimeSpan.FromSeconds(5), cancellationToken);
            ran = await ScalarAsync<long>(dataSource, "SELECT count(*) FROM workflows.step_runs WHERE tenant_id = $1", tenant);
            Console.WriteLine($"  {TimeProvider.System.GetUtcNow():HH:mm:ss} steps run {ran}/{count}");
        }
        while (ran < count && TimeProvider.System.GetUtcNow() < deadline);

        Console.WriteLine(cpu.Report(ran));
        if (statements)
        {
            await PgStatements.PrintTopAsync(stack.AdminConnectionString, ran, 25, cancellationToken);
        }

        var r = await LatenessAsync(dataSource, tenant, cancellationToken);
        var sent = await ScalarAsync<long>(dataSource, "SELECT count(*) FROM workflows.history WHERE tenant_id = $1 AND status = 'sent'", tenant);
        Console.WriteLine($"workflows: {ran}/{count} steps run ({sent} e-mails queued, {count - ran} missing); lateness (run - due) " +
                          $"p50 {F(r.P50)} ms, p95 {F(r.P95)} ms, p99 {F(r.P99)} ms, max {F(r.Max)} ms; " +
                          $"throughput {F(ran / r.Span.TotalSeconds, "0")} steps/s over {F(r.Span.TotalSeconds)} s (arrivals {F(count / window.TotalSeconds, "0")}/s)");
        var met = r.P99 <= 1000 && ran == count;
        Console.WriteLine($"  bar p99 <= 1 s, every step run: {(met ? "MET" : "MISSED")}");
        Console.WriteLine($"load average after: {LoadAverage()}");
        return ran == count && sent == count ? 0 : 1;
    }

    private sealed record Lateness(double P50, double P95, double P99, double Max, TimeSpan Span);

    private static async Task<Lateness> LatenessAsync(NpgsqlDataSource dataSource, Guid tenant, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("""
            SELECT percentile_cont(ARRAY[0.5, 0.95, 0.99]) WITHIN GROUP (ORDER BY l), max(l), extract(epoch FROM max(ran_at) - min(ran_at))::float8
              FROM (SELECT extract(epoch FROM r.ran_at - d.due_at)::float8 * 1000 AS l, r.ran_at
                      FROM workflows.step_runs r JOIN bench.due d ON d.tenant_id = r.tenant_id AND d.enrollment_id = r.enrollment_id
                     WHERE r.tenant_id = $1) x
            """);
        cmd.Parameters.AddWithValue(tenant);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        var p = reader.GetFieldValue<double[]>(0);
        return new Lateness(p[0], p[1], p[2], reader.GetDouble(1), TimeSpan.FromSeconds(reader.GetDouble(2)));
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlDataSource dataSource, string sql, Guid tenant)
    {
        await using var cmd = dataSource.CreateCommand(sql);
        cmd.Parameters.AddWithValue(tenant);
        return (T)(await cmd.ExecuteScalarAsync())!;
    }

    /// <summary>A zone where the whole run falls between 09:00 and 20:00, so quiet hours defer nothing.</summary>
    internal static string DaytimeZone(TimeSpan window) =>
        new[] { "America/Chicago", "Europe/London", "Asia/Tokyo", "America/New_York", "Pacific/Honolulu", "Asia/Kolkata" }.First(z =>
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(z);
            var now = TimeProvider.System.GetUtcNow();
            return TimeZoneInfo.ConvertTime(now, zone).Hour >= 9 && TimeZoneInfo.ConvertTime(now + window + TimeSpan.FromMinutes(15), zone).Hour < 20;
        });
}
