using Beacon.SharedKernel.Database.Embedded;

namespace Beacon.Server.Hosting;

/// <summary>
/// The embedded default: with no <c>ConnectionStrings:Beacon</c>, start a private PostgreSQL cluster in
/// <c>Beacon:Embedded:DataDirectory</c>, point the configuration at it, and migrate and seed on start.
/// </summary>
internal static class EmbeddedDatabase
{
    public const string DataDirectoryKey = "Beacon:Embedded:DataDirectory";

    public static async Task<EmbeddedPostgres?> StartIfNeededAsync(ConfigurationManager configuration, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(configuration.GetConnectionString("Beacon")))
        {
            return null;
        }

        var dataDirectory = configuration[DataDirectoryKey] ?? DefaultDataDirectory();
        var postgres = new EmbeddedPostgres(new EmbeddedPostgresOptions { DataDirectory = dataDirectory });
        await postgres.StartAsync(ct);
        configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [DataDirectoryKey] = dataDirectory,
            ["ConnectionStrings:Beacon"] = postgres.AppConnectionString,
            ["ConnectionStrings:BeaconAdmin"] = postgres.AdminConnectionString,
            ["Beacon:Database:MigrateOnStart"] = "true",
            ["Beacon:Demo:SeedOnStart"] = configuration["Beacon:Demo:SeedOnStart"] ?? "true",
            ["Beacon:Auth:KeyEncryptionKey"] = configuration["Beacon:Auth:KeyEncryptionKey"] ?? postgres.Credentials!.KeyEncryptionKey,
        });
        return postgres;
    }

    // Root's home is closed to the postgres user, so root keeps the cluster under /var/lib.
    private static string DefaultDataDirectory() => Environment.UserName == "root"
        ? "/var/lib/beacon/postgres"
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "beacon", "postgres");
}
