using Npgsql;

namespace Beacon.SharedKernel.Database;

/// <summary>
/// A second, small pool for short statements that must commit on their own while the caller holds a transaction of
/// the main pool (a round-robin turn, say). Waiting for a main-pool connection while holding one is how a pool
/// deadlocks under load: N callers each hold one and wait for another. Side connections never wait on the main
/// pool, so that cycle cannot form. Keep what runs here tiny: it must not wait on anything the caller holds.
/// </summary>
public sealed class SideDb(NpgsqlDataSource dataSource) : IAsyncDisposable
{
    public const int PoolSize = 4;

    /// <summary>A side connection bound to <paramref name="tenantId"/>, like <see cref="Db.OpenAsync"/>.</summary>
    public async Task<NpgsqlConnection> OpenAsync(Guid tenantId, CancellationToken ct)
    {
        var conn = await dataSource.OpenConnectionAsync(ct);
        try
        {
            await Db.BindTenantAsync(conn, tenantId, ct);
            return conn;
        }
        catch
        {
            await conn.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();
}
