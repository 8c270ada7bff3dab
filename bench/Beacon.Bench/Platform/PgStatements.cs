using Npgsql;
using static Beacon.Bench.Platform.BenchArgs;

namespace Beacon.Bench.Platform;

/// <summary>
/// Where the database's time goes, per statement, from pg_stat_statements (benchmarks' <c>--pg-statements true</c>):
/// the statements that took the most execution time during the measured phase, with calls and rows per call.
/// </summary>
internal static class PgStatements
{
    public static IReadOnlyList<string> Settings { get; } =
        ["shared_preload_libraries = 'pg_stat_statements'", "pg_stat_statements.track = 'all'"];

    public static async Task ResetAsync(string admin, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(admin);
        await conn.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand(
            "CREATE EXTENSION IF NOT EXISTS pg_stat_statements; SELECT pg_stat_statements_reset();", conn);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Prints the top <paramref name="count"/> statements by total time; <paramref name="operations"/> scales per operation.</summary>
    public static async Task PrintTopAsync(string admin, long operations, int count, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(admin);
        await conn.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand("""
            SELECT calls, total_exec_time, rows, regexp_replace(query, '\s+', ' ', 'g')
              FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT @count
            """, conn);
        cmd.Parameters.AddWithValue("count", count);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        Console.WriteLine($"top statements by execution time (pg_stat_statements; per operation = per {operations:N0}):");
        while (await reader.ReadAsync(ct))
        {
            var (calls, ms, rows, query) = (reader.GetInt64(0), reader.GetDouble(1), reader.GetInt64(2), reader.GetString(3));
            Console.WriteLine($"  {F(ms * 1000 / Math.Max(1, operations), "0")} µs/op, {F(calls / (double)Math.Max(1, operations), "0.00")} calls/op, " +
                $"{F(ms * 1000 / Math.Max(1, calls), "0")} µs/call, {F(rows / (double)Math.Max(1, calls), "0.0")} rows/call: {Shorten(query)}");
        }
    }

    private static string Shorten(string query) => query.Length <= 160 ? query : query[..157] + "...";
}
