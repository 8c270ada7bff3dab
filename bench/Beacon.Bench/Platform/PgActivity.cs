using Npgsql;

namespace Beacon.Bench.Platform;

/// <summary>
/// What the database's connections are doing, sampled every few seconds during a run (<c>--pg-activity true</c>):
/// how many are active, idle in a transaction or waiting, on what, and in which statement. Shows a lock convoy or a
/// held pool at a glance, where CPU figures only show that nothing is busy.
/// </summary>
internal static class PgActivity
{
    public static async Task SampleAsync(string admin, TimeSpan every, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(admin);
        await conn.OpenAsync(ct);
        try
        {
            while (!ct.IsCancellationRequested)
            {
                await Task.Delay(every, ct);
                await using var cmd = new NpgsqlCommand("""
                    SELECT count(*), state, coalesce(wait_event_type || ':' || wait_event, '-'),
                           left(regexp_replace(query, '\s+', ' ', 'g'), 90)
                      FROM pg_stat_activity
                     WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'
                     GROUP BY 2, 3, 4 ORDER BY 1 DESC LIMIT 6
                    """, conn);
                await using var reader = await cmd.ExecuteReaderAsync(ct);
                var lines = new List<string>();
                while (await reader.ReadAsync(ct))
                {
                    lines.Add($"    {reader.GetInt64(0),3} {reader.GetString(1),-20} {reader.GetString(2),-28} {reader.GetString(3)}");
                }

                Console.WriteLine($"  pg_stat_activity:{Environment.NewLine}{string.Join(Environment.NewLine, lines)}");
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The run is over.
        }
    }
}
