using Beacon.TestKit;
using Npgsql;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Platform;

/// <summary>The second wall: with the application's tenant filter left out on purpose, PostgreSQL alone isolates tenants.</summary>
public sealed class RowLevelSecurityTests(BeaconApp app)
{
    private async Task<NpgsqlConnection> AppConnectionAsync(Guid? tenant)
    {
        var conn = new NpgsqlConnection(app.Database.AppConnectionString);
        await conn.OpenAsync();
        if (tenant is { } t)
        {
            await using var set = new NpgsqlCommand($"SELECT set_config('beacon.tenant_id', '{t}', false)", conn);
            await set.ExecuteNonQueryAsync();
        }

        return conn;
    }

    private static async Task<long> CountAsync(NpgsqlConnection conn, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task Without_a_where_clause_a_tenant_sees_only_its_own_rows()
    {
        var mine = await app.SignupAsync();
        var theirs = await app.SignupAsync();
        await ApiClient.AddMemberAsync(theirs, app.Factory.CreateClient, "agent");

        await using var conn = await AppConnectionAsync(mine.TenantId);
        (await CountAsync(conn, "SELECT count(*) FROM identity.users")).ShouldBe(1);
        (await CountAsync(conn, $"SELECT count(*) FROM identity.users WHERE tenant_id = '{theirs.TenantId}'")).ShouldBe(0);
        (await CountAsync(conn, "SELECT count(*) FROM identity.tenants")).ShouldBe(1);
        (await CountAsync(conn, "SELECT count(*) FROM platform.events WHERE tenant_id <> platform.current_tenant()")).ShouldBe(0);
        (await app.Database.ScalarAsync<long>("SELECT count(*) FROM identity.users WHERE tenant_id = $1", theirs.TenantId))
            .ShouldBe(2, "the rows exist; only the wall hides them");
    }

    [Fact]
    public async Task With_no_tenant_set_every_tenant_table_is_empty()
    {
        await app.SignupAsync();
        await using var conn = await AppConnectionAsync(null);
        foreach (var table in new[] { "identity.users", "identity.tenants", "identity.refresh_tokens", "identity.api_keys", "platform.events" })
        {
            (await CountAsync(conn, $"SELECT count(*) FROM {table}")).ShouldBe(0, table);
        }
    }

    [Fact]
    public async Task A_tenant_cannot_write_a_row_into_another_tenant()
    {
        var mine = await app.SignupAsync();
        var theirs = await app.SignupAsync();
        await using var conn = await AppConnectionAsync(mine.TenantId);
        await using var insert = new NpgsqlCommand(
            $"INSERT INTO identity.teams (tenant_id, id, name) VALUES ('{theirs.TenantId}', gen_random_uuid(), 'Trojan')", conn);
        var error = await Should.ThrowAsync<PostgresException>(() => insert.ExecuteNonQueryAsync());
        error.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege);
    }

    [Fact]
    public async Task The_application_role_cannot_read_the_private_directory_or_the_migration_history()
    {
        await using var conn = await AppConnectionAsync(null);
        foreach (var table in new[] { "identity_private.user_directory", "identity_private.login_failures", "platform.schema_migrations" })
        {
            var error = await Should.ThrowAsync<PostgresException>(() => CountAsync(conn, $"SELECT count(*) FROM {table}"));
            error.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege, table);
        }
    }
}
