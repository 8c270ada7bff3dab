using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Beacon.SharedKernel.Database;

/// <summary>
/// Applies every module's migrations in order under an advisory lock (so several nodes starting at once apply
/// each script once), records them with a checksum, refuses an edited applied script, then grants the app role.
/// </summary>
public sealed class Migrator(IEnumerable<ModuleMigrations> modules, ILogger<Migrator> logger)
{
    private const long LockKey = 0x6265_6163_6f6e; // "beacon"

    public async Task<int> MigrateAsync(string adminConnectionString, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(adminConnectionString);
        await conn.OpenAsync(ct);
        await ExecAsync(conn, null, $"SELECT pg_advisory_lock({LockKey})", ct);
        try
        {
            await DatabaseRoles.EnsureAppRoleAsync(conn, ct);
            await ExecAsync(conn, null, """
                CREATE SCHEMA IF NOT EXISTS platform;
                CREATE TABLE IF NOT EXISTS platform.schema_migrations (
                    module text NOT NULL, version int NOT NULL, name text NOT NULL, checksum text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (module, version));
                """, ct);
            var applied = await AppliedAsync(conn, ct);
            var count = 0;
            foreach (var module in modules)
            {
                foreach (var (version, name, sql) in module.Scripts().OrderBy(s => s.Version))
                {
                    var checksum = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(sql)));
                    if (applied.TryGetValue((module.Module, version), out var known))
                    {
                        if (known != checksum)
                        {
                            throw new InvalidOperationException(
                                $"Migration {module.Module}/{name} was edited after it was applied. Add a new migration instead.");
                        }

                        continue;
                    }

                    await ApplyAsync(conn, module, version, name, sql, checksum, ct);
                    count++;
                }
            }

            await GrantAsync(conn, ct);
            return count;
        }
        finally
        {
            await ExecAsync(conn, null, $"SELECT pg_advisory_unlock({LockKey})", CancellationToken.None);
        }
    }

    private async Task ApplyAsync(NpgsqlConnection conn, ModuleMigrations module, int version, string name,
        string sql, string checksum, CancellationToken ct)
    {
        await using var tx = await conn.BeginTransactionAsync(ct);
        foreach (var schema in module.AppSchemas)
        {
            await ExecAsync(conn, tx, $"CREATE SCHEMA IF NOT EXISTS \"{schema}\"", ct);
        }

        await ExecAsync(conn, tx, sql, ct);
        await using (var record = new NpgsqlCommand(
            "INSERT INTO platform.schema_migrations (module, version, name, checksum) VALUES ($1, $2, $3, $4)", conn, tx))
        {
            record.Parameters.AddWithValue(module.Module);
            record.Parameters.AddWithValue(version);
            record.Parameters.AddWithValue(name);
            record.Parameters.AddWithValue(checksum);
            await record.ExecuteNonQueryAsync(ct);
        }

        await tx.CommitAsync(ct);
        logger.LogInformation("Applied migration {Module}/{Name}", module.Module, name);
    }

    private async Task GrantAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        foreach (var schema in modules.SelectMany(m => m.AppSchemas).Distinct())
        {
            await ExecAsync(conn, null, $"""
                GRANT USAGE ON SCHEMA "{schema}" TO {DatabaseRoles.App};
                GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA "{schema}" TO {DatabaseRoles.App};
                GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA "{schema}" TO {DatabaseRoles.App};
                GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA "{schema}" TO {DatabaseRoles.App};
                """, ct);
        }

        await ExecAsync(conn, null, $"REVOKE ALL ON platform.schema_migrations FROM {DatabaseRoles.App}", ct);
    }

    private static async Task<Dictionary<(string, int), string>> AppliedAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        var result = new Dictionary<(string, int), string>();
        await using var cmd = new NpgsqlCommand("SELECT module, version, checksum FROM platform.schema_migrations", conn);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            result[(reader.GetString(0), reader.GetInt32(1))] = reader.GetString(2);
        }

        return result;
    }

    /// <summary>No command timeout: a migration that backfills a large table must finish, not be cut and retried from scratch.</summary>
    private static async Task ExecAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn, tx) { CommandTimeout = 0 };
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
