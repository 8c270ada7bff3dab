using Npgsql;
using static Beacon.Bench.Platform.BenchArgs;

namespace Beacon.Bench.Platform;

/// <summary>
/// PostgreSQL's own counters around a phase: commits, WAL flushes (each a disk sync with fsync on) and scans of
/// the job table (each claim query is one), so the report can say what one job costs the database.
/// </summary>
internal sealed record PgCounters(long Commits, long WalSyncs, long WalRecords, long JobScans)
{
    public static async Task<PgCounters> ReadAsync(string admin, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(admin);
        await conn.OpenAsync(ct);
        // The statistics are cached per transaction; a fresh connection reads the current values.
        await using var cmd = new NpgsqlCommand("""
            SELECT (SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()),
                   (SELECT wal_sync FROM pg_stat_wal), (SELECT wal_records FROM pg_stat_wal),
                   (SELECT coalesce(seq_scan, 0) + coalesce(idx_scan, 0) FROM pg_stat_user_tables
                     WHERE schemaname = 'platform' AND relname = 'jobs')
            """, conn);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new PgCounters(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
    }

    /// <summary>Per-operation deltas since <paramref name="before"/>. The statistics collector lags by up to a second.</summary>
    public string PerOperation(PgCounters before, long operations) =>
        $"postgres per job: {F((Commits - before.Commits) / (double)operations, "0.00")} commits, " +
        $"{F((WalSyncs - before.WalSyncs) / (double)operations, "0.00")} WAL syncs, " +
        $"{F((WalRecords - before.WalRecords) / (double)operations, "0.0")} WAL records, " +
        $"{F((JobScans - before.JobScans) / (double)operations, "0.00")} scans of platform.jobs (claims, deletes)";
}
