using System.Diagnostics;
using System.Globalization;
using Npgsql;
using static Beacon.Bench.Platform.BenchArgs;

namespace Beacon.Bench.Faults;

/// <summary>The scenarios' view of the database (as the superuser, past row-level security): counts and the job queue.</summary>
internal static class FaultDb
{
    /// <summary>
    /// A job due within this horizon, claimed, or already failed once (a retry waiting for its backoff) is
    /// "outstanding"; a fresh job due later (an hourly sweep, a workflow's wait) is scheduled work, listed apart.
    /// </summary>
    private static readonly TimeSpan Horizon = TimeSpan.FromSeconds(30);

    public sealed record JobTally(long Outstanding, long Scheduled, long DeadLetters, string ScheduledHandlers, string DeadLetterErrors,
        string OutstandingHandlers);

    public static async Task<long> ScalarAsync(string connection, string sql, params object[] parameters)
    {
        await using var conn = new NpgsqlConnection(connection);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 120 };
        foreach (var p in parameters)
        {
            cmd.Parameters.AddWithValue(p);
        }

        return Convert.ToInt64(await cmd.ExecuteScalarAsync() ?? 0L, CultureInfo.InvariantCulture);
    }

    public static async Task<string> TextAsync(string connection, string sql, params object[] parameters)
    {
        await using var conn = new NpgsqlConnection(connection);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 120 };
        foreach (var p in parameters)
        {
            cmd.Parameters.AddWithValue(p);
        }

        return Convert.ToString(await cmd.ExecuteScalarAsync(), CultureInfo.InvariantCulture) ?? "";
    }

    /// <summary>The database's clock, which stamps <c>created_at</c> and event times: a moment to compare them with.</summary>
    public static async Task<DateTime> NowAsync(string connection)
    {
        await using var conn = new NpgsqlConnection(connection);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT now()", conn);
        return (DateTime)(await cmd.ExecuteScalarAsync())!;
    }

    /// <summary>The database answers again (a probe used while it restarts).</summary>
    public static async Task<bool> UpAsync(string connection)
    {
        try
        {
            return await ScalarAsync(connection, "SELECT 1") == 1;
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return false;
        }
    }

    public static async Task<JobTally> JobsAsync(string connection)
    {
        await using var conn = new NpgsqlConnection(connection);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("""
            SELECT count(*) FILTER (WHERE run_at <= now() + $1 OR locked_until > now() OR attempts > 0),
                   count(*) FILTER (WHERE run_at > now() + $1 AND (locked_until IS NULL OR locked_until <= now()) AND attempts = 0),
                   (SELECT count(*) FROM platform.dead_letters),
                   coalesce((SELECT string_agg(handler || ' ' || n, ', ') FROM (SELECT handler, count(*) n FROM platform.jobs
                              WHERE run_at > now() + $1 AND attempts = 0 GROUP BY handler ORDER BY handler) h), ''),
                   coalesce((SELECT string_agg(handler || ': ' || left(last_error, 120), ' | ') FROM (SELECT DISTINCT ON (handler) handler, last_error
                              FROM platform.dead_letters ORDER BY handler, failed_at) d), ''),
                   coalesce((SELECT string_agg(handler || ' ' || n || CASE WHEN claimed THEN ' claimed for ' || left_s || ' s more' ELSE ' due' END
                                               || ', attempts ' || attempts, '; ') FROM (
                              SELECT handler, locked_until > now() AS claimed, count(*) n, max(attempts) attempts,
                                     round(extract(epoch FROM max(locked_until) - now())) left_s FROM platform.jobs
                               WHERE run_at <= now() + $1 OR locked_until > now() OR attempts > 0 GROUP BY 1, 2) o), '')
              FROM platform.jobs
            """, conn);
        cmd.Parameters.AddWithValue(Horizon);
        await using var reader = await cmd.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new JobTally(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetString(3), reader.GetString(4), reader.GetString(5));
    }

    /// <summary>Waits until no job is outstanding (every job done or dead-lettered); reports how long that took.</summary>
    public static async Task<(JobTally Tally, TimeSpan Waited)> DrainAsync(string connection, TimeSpan timeout, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var tally = await JobsAsync(connection);
        while (tally.Outstanding > 0 && clock.Elapsed < timeout)
        {
            await Task.Delay(500, ct);
            tally = await JobsAsync(connection);
        }

        return (tally, clock.Elapsed);
    }

    /// <summary>Prints the queue's end state and checks it: nothing outstanding.</summary>
    public static void Check(FaultReport report, JobTally tally, TimeSpan waited)
    {
        report.Figure($"jobs: {tally.Outstanding} outstanding after {F(waited.TotalSeconds)} s of drain" +
                      (tally.OutstandingHandlers.Length > 0 ? $" ({tally.OutstandingHandlers})" : "") + $", {tally.DeadLetters} dead-lettered" +
                      (tally.DeadLetterErrors.Length > 0 ? $" ({tally.DeadLetterErrors})" : "") +
                      $", {tally.Scheduled} scheduled later{(tally.ScheduledHandlers.Length > 0 ? $" ({tally.ScheduledHandlers})" : "")}");
        report.Require(tally.Outstanding == 0, "every job done or dead-lettered");
    }
}
