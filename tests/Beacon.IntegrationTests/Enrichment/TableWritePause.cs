using Beacon.TestKit;
using Npgsql;

namespace Beacon.IntegrationTests.Enrichment;

/// <summary>
/// Holds a table in <c>SHARE</c> mode in a transaction of its own: reads (and <c>SELECT … FOR UPDATE</c>) go on,
/// the first write of any other transaction waits here until the pause ends. A deterministic way to stop a server
/// transaction at a known point without touching its code; the database's lock view tells how many wait.
/// </summary>
internal sealed class TableWritePause : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private NpgsqlTransaction? _transaction;

    private TableWritePause(NpgsqlConnection connection, NpgsqlTransaction transaction)
    {
        _connection = connection;
        _transaction = transaction;
    }

    public static async Task<TableWritePause> HoldAsync(TestDatabase database, string table)
    {
        var connection = new NpgsqlConnection(database.AdminConnectionString);
        await connection.OpenAsync();
        var transaction = await connection.BeginTransactionAsync();
        await using var cmd = new NpgsqlCommand($"LOCK TABLE {table} IN SHARE MODE", connection, transaction);
        await cmd.ExecuteNonQueryAsync();
        return new TableWritePause(connection, transaction);
    }

    /// <summary>Lock requests of this database not granted yet (any lock, any table, advisory or not).</summary>
    public static Task<long> WaitingAsync(TestDatabase database) => database.ScalarAsync<long>("""
        SELECT count(*) FROM pg_locks
        WHERE NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
        """);

    public async Task ReleaseAsync()
    {
        if (_transaction is { } tx)
        {
            _transaction = null;
            await tx.CommitAsync();
            await tx.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await ReleaseAsync();
        await _connection.DisposeAsync();
    }
}
