using Beacon.SharedKernel.Auditing;
using Beacon.SharedKernel.Messaging;
using Npgsql;

namespace Beacon.SharedKernel.Database;

/// <summary>
/// The one way modules reach PostgreSQL. Every connection or transaction is bound to a tenant through
/// <c>beacon.tenant_id</c>, which row-level security reads: a query that forgets its <c>tenant_id</c> filter still
/// sees only that tenant's rows, and a connection with no tenant sees none.
/// </summary>
public sealed class Db(NpgsqlDataSource dataSource, OutboxWriter outbox, JobSignal signal, TransactionAudit audit)
{
    internal NpgsqlDataSource DataSource => dataSource;

    /// <summary>A connection whose session is bound to <paramref name="tenantId"/> (for reads and single statements).</summary>
    public async Task<NpgsqlConnection> OpenAsync(Guid tenantId, CancellationToken ct)
    {
        var conn = await dataSource.OpenConnectionAsync(ct);
        try
        {
            await BindTenantAsync(conn, tenantId, ct);
            return conn;
        }
        catch
        {
            await conn.DisposeAsync();
            throw;
        }
    }

    internal static async Task BindTenantAsync(NpgsqlConnection conn, Guid tenantId, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT set_config('beacon.tenant_id', $1, false)", conn);
        cmd.Parameters.AddWithValue(tenantId.ToString());
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>A connection bound to no tenant: row-level security shows it nothing. For platform tables only.</summary>
    public async Task<NpgsqlConnection> OpenUnscopedAsync(CancellationToken ct)
    {
        var conn = await dataSource.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand("SELECT set_config('beacon.tenant_id', '', false)", conn);
        await cmd.ExecuteNonQueryAsync(ct);
        return conn;
    }

    /// <summary>
    /// A transaction bound to <paramref name="tenantId"/>. Events and jobs added to it are written in the same
    /// transaction (the outbox) and workers are woken after it commits.
    /// </summary>
    public async Task<TenantTransaction> BeginAsync(Guid tenantId, CancellationToken ct)
    {
        var conn = await dataSource.OpenConnectionAsync(ct);
        try
        {
            var tx = await conn.BeginTransactionAsync(ct);
            await using var cmd = new NpgsqlCommand("SELECT set_config('beacon.tenant_id', $1, true)", conn, tx);
            cmd.Parameters.AddWithValue(tenantId.ToString());
            await cmd.ExecuteNonQueryAsync(ct);
            return new TenantTransaction(tenantId, conn, tx, outbox, signal, audit);
        }
        catch
        {
            await conn.DisposeAsync();
            throw;
        }
    }
}
