using System.Diagnostics;
using Npgsql;
using static Beacon.Bench.Platform.BenchArgs;

namespace Beacon.Bench.Platform;

/// <summary>What the probe handler recorded, read back as the superuser once the queue is empty.</summary>
internal sealed record QueueResults(long Runs, long Distinct, long Retried, long DeadLetters, double P50, double P90, double P99, double Max)
{
    /// <summary>Waits until no job is left (done or dead-lettered); false when <paramref name="timeout"/> passed first.</summary>
    public static async Task<(bool Drained, TimeSpan Took)> WaitForDrainAsync(string admin, TimeSpan timeout, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        await using var conn = new NpgsqlConnection(admin);
        await conn.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand("SELECT count(*) FROM platform.jobs", conn);
        while (clock.Elapsed < timeout)
        {
            if ((long)(await cmd.ExecuteScalarAsync(ct))! == 0)
            {
                return (true, clock.Elapsed);
            }

            await Task.Delay(50, ct);
        }

        return (false, clock.Elapsed);
    }

    public static async Task<QueueResults> ReadAsync(string admin, Guid tenantId, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(admin);
        await conn.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand("""
            WITH r AS (SELECT message_id, attempt, extract(epoch FROM started_at - enqueued_at) * 1000 AS ms
                         FROM platform.probe_runs WHERE tenant_id = $1)
            SELECT count(*), count(DISTINCT message_id), count(*) FILTER (WHERE attempt > 1),
                   (SELECT count(*) FROM platform.dead_letters WHERE tenant_id = $1),
                   coalesce(percentile_disc(ARRAY[0.5, 0.9, 0.99]) WITHIN GROUP (ORDER BY ms), ARRAY[0, 0, 0]::numeric[]),
                   coalesce(max(ms), 0)
              FROM r
            """, conn);
        cmd.Parameters.AddWithValue(tenantId);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        var p = reader.GetFieldValue<decimal[]>(4);
        return new QueueResults(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3),
            (double)p[0], (double)p[1], (double)p[2], (double)reader.GetDecimal(5));
    }

    /// <summary>p99 per 10-second window of enqueue time: shows whether latency drifts as the run goes on.</summary>
    public static async Task<string> WindowsAsync(string admin, Guid tenantId, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(admin);
        await conn.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand("""
            WITH r AS (SELECT enqueued_at, extract(epoch FROM started_at - enqueued_at) * 1000 AS ms
                         FROM platform.probe_runs WHERE tenant_id = $1),
                 w AS (SELECT floor(extract(epoch FROM enqueued_at - min(enqueued_at) OVER ()) / 10) AS win, ms FROM r)
            SELECT win::int, count(*), percentile_disc(0.99) WITHIN GROUP (ORDER BY ms), max(ms)
              FROM w GROUP BY win ORDER BY win
            """, conn);
        cmd.Parameters.AddWithValue(tenantId);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var parts = new List<string>();
        while (await reader.ReadAsync(ct))
        {
            parts.Add($"{reader.GetInt32(0) * 10}s: n {reader.GetInt64(1)} p99 {F((double)reader.GetDecimal(2), "0.0")} max {F((double)reader.GetDecimal(3), "0")}");
        }

        return string.Join("; ", parts);
    }

    public override string ToString() =>
        $"p50 {F(P50, "0.00")} ms, p90 {F(P90, "0.00")} ms, p99 {F(P99, "0.00")} ms, max {F(Max, "0.0")} ms; " +
        $"runs {Runs}, distinct {Distinct}, retried {Retried}, dead-lettered {DeadLetters}";
}
