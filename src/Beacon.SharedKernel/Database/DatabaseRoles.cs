using Npgsql;

namespace Beacon.SharedKernel.Database;

/// <summary>
/// The application connects as <see cref="App"/>, which owns no table: with FORCE ROW LEVEL SECURITY every query
/// it runs sees only the tenant set in <c>beacon.tenant_id</c>. Migrations run as the owner (the admin connection).
/// </summary>
internal static class DatabaseRoles
{
    public const string App = "beacon_app";

    public static async Task EnsureAppRoleAsync(NpgsqlConnection admin, CancellationToken ct)
    {
        const string sql = $"""
            DO $$ BEGIN
              IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{App}') THEN
                CREATE ROLE {App} NOLOGIN NOSUPERUSER NOBYPASSRLS;
              END IF;
            END $$;
            """;
        await using var cmd = new NpgsqlCommand(sql, admin);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
