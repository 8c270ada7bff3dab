using Beacon.Assistant;
using Beacon.Audit;
using Beacon.Billing;
using Beacon.Conversions;
using Beacon.Enrichment;
using Beacon.Identity;
using Beacon.Leads;
using Beacon.Payments;
using Beacon.Privacy;
using Beacon.Realtime;
using Beacon.Scoring;
using Beacon.SharedKernel;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Database.Embedded;
using Beacon.Webhooks;
using Beacon.Workflows;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Xunit;

namespace Beacon.TestKit;

/// <summary>
/// One throwaway PostgreSQL cluster per test run (or <c>BEACON_TEST_DATABASE_URL</c>, an admin connection to a
/// database the run may wipe), migrated once. Tests isolate themselves by tenant; <see cref="TruncateAsync"/>
/// empties every module schema for the few that need a blank database.
/// </summary>
public sealed class TestDatabase : IAsyncLifetime
{
    private EmbeddedPostgres? _cluster;
    private string? _directory;

    public string AdminConnectionString { get; private set; } = "";

    public string AppConnectionString { get; private set; } = "";

    public string KeyEncryptionKey { get; } = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    public async ValueTask InitializeAsync()
    {
        var external = Environment.GetEnvironmentVariable("BEACON_TEST_DATABASE_URL");
        if (!string.IsNullOrWhiteSpace(external))
        {
            AdminConnectionString = external;
            AppConnectionString = await ExternalAppRoleAsync(external);
        }
        else
        {
            _directory = Path.Combine(Path.GetTempPath(), "beacon-test-" + Guid.NewGuid().ToString("N")[..12]);
            _cluster = new EmbeddedPostgres(new EmbeddedPostgresOptions { DataDirectory = Path.Combine(_directory, "pg"), Durable = false });
            await _cluster.StartAsync(CancellationToken.None);
            AdminConnectionString = _cluster.AdminConnectionString;
            AppConnectionString = _cluster.AppConnectionString;
        }

        await new Migrator(AllModules(), NullLogger<Migrator>.Instance).MigrateAsync(AdminConnectionString, CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        if (_directory is not null)
        {
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
                // A file still held by a stopping process; the temp folder is cleaned by the OS eventually.
            }
        }
    }

    /// <summary>Every module's migrations, as the server registers them.</summary>
    public static IEnumerable<ModuleMigrations> AllModules()
    {
        var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection();
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Beacon"] = "Host=unused" })
            .Build();
        services.AddPlatform(configuration);
        services.AddIdentityModule();
        services.AddLeadsModule(configuration);
        services.AddEnrichmentModule(configuration);
        services.AddRealtimeModule(configuration, sequence: false);
        services.AddScoringModule(configuration);
        services.AddWebhooksModule();
        services.AddConversionsModule();
        services.AddPaymentsModule();
        services.AddWorkflowsModule();
        services.AddPrivacyModule(background: false);
        services.AddAuditModule();
        services.AddBillingModule(background: false);
        services.AddAssistantModule();
        return services.Where(d => d.ServiceType == typeof(ModuleMigrations))
            .Select(d => (ModuleMigrations)d.ImplementationInstance!).ToList();
    }

    /// <summary>
    /// Stops this run's cluster as an operator's restart does (fast shutdown: sessions cut) and starts it again on its
    /// port after <paramref name="down"/>. Only for a cluster of the run's own: an external database cannot be bounced.
    /// </summary>
    public async Task RestartAsync(TimeSpan down)
    {
        var cluster = _cluster ?? throw new InvalidOperationException(
            "BEACON_TEST_DATABASE_URL points at an external database; a restart test needs a cluster of its own.");
        await cluster.StopAsync(CancellationToken.None);
        await Task.Delay(down);
        await cluster.StartAgainAsync(CancellationToken.None);
        NpgsqlConnection.ClearAllPools(); // this process's pooled sessions died with the old server
    }

    public async Task TruncateAsync()
    {
        await using var conn = new NpgsqlConnection(AdminConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("""
            DO $$ DECLARE r record; BEGIN
              FOR r IN SELECT schemaname, tablename FROM pg_tables
                        WHERE schemaname NOT IN ('pg_catalog', 'information_schema') AND tablename <> 'schema_migrations'
                          AND tablename <> 'signing_keys'
              LOOP EXECUTE format('TRUNCATE %I.%I CASCADE', r.schemaname, r.tablename); END LOOP;
            END $$;
            """, conn);
        await cmd.ExecuteNonQueryAsync();
    }

    public async Task<T?> ScalarAsync<T>(string sql, params object[] parameters)
    {
        await using var conn = new NpgsqlConnection(AdminConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        foreach (var p in parameters)
        {
            cmd.Parameters.AddWithValue(p);
        }

        var value = await cmd.ExecuteScalarAsync();
        return value is null or DBNull ? default : (T)value;
    }

    // With an external database, the app role gets a password of this run so the app can log in as it.
    private static async Task<string> ExternalAppRoleAsync(string admin)
    {
        var password = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        await using var conn = new NpgsqlConnection(admin);
        await conn.OpenAsync();
        await DatabaseRolesAccess.EnsureAppRoleAsync(conn);
        await using var cmd = new NpgsqlCommand($"ALTER ROLE beacon_app LOGIN PASSWORD '{password}'", conn);
        await cmd.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(admin) { Username = "beacon_app", Password = password }.ConnectionString;
    }
}
