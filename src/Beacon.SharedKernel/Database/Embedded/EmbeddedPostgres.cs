using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Npgsql;

namespace Beacon.SharedKernel.Database.Embedded;

/// <summary>
/// A private PostgreSQL cluster in a local folder, started on a free loopback port and stopped on dispose.
/// Used by the embedded default of <c>Beacon.Server</c> and by the test kit (one throwaway cluster per run).
/// </summary>
public sealed class EmbeddedPostgres : IAsyncDisposable
{
    private readonly EmbeddedPostgresOptions _options;
    private readonly ProcessRunner _runner;
    private readonly string _dataDirectory;
    private bool _started;

    public EmbeddedPostgres(EmbeddedPostgresOptions options)
    {
        _options = options;
        _dataDirectory = Path.GetFullPath(options.DataDirectory);
        var runAs = Environment.UserName == "root" ? "postgres" : null;
        _runner = new ProcessRunner(PostgresBinaries.Locate(), runAs);
        RunsAsPostgresUser = runAs is not null;
    }

    public bool RunsAsPostgresUser { get; }

    public int Port { get; private set; }

    /// <summary>Superuser connection: migrations and role management.</summary>
    public string AdminConnectionString { get; private set; } = "";

    /// <summary>The application's connection: a role that owns nothing, so row-level security applies.</summary>
    public string AppConnectionString { get; private set; } = "";

    public EmbeddedCredentials? Credentials { get; private set; }

    public async Task StartAsync(CancellationToken ct)
    {
        var credentials = Credentials = await EmbeddedCredentials.LoadOrCreateAsync(_dataDirectory + ".credentials.json", ct);
        if (!File.Exists(Path.Combine(_dataDirectory, "PG_VERSION")))
        {
            await InitialiseAsync(credentials, ct);
        }

        await StopLeftoverAsync(ct);
        Port = FreeLoopbackPort();
        await _runner.RunAsync("pg_ctl", ["-D", _dataDirectory, "-l", Path.Combine(_dataDirectory, "server.log"),
            "-w", "-t", "60", "-o", $"-p {Port}", "start"], ct);
        _started = true;

        var admin = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = "postgres",
            Password = credentials.SuperuserPassword,
            Database = "postgres",
            Pooling = false,
        };
        await EnsureDatabaseAndAppRoleAsync(admin.ConnectionString, credentials, ct);
        admin.Database = _options.Database;
        admin.Pooling = true;
        AdminConnectionString = admin.ConnectionString;
        AppConnectionString = new NpgsqlConnectionStringBuilder(AdminConnectionString)
        {
            Username = DatabaseRoles.App,
            Password = credentials.AppPassword,
        }.ConnectionString;
    }

    /// <summary>Stops the cluster as an operator's restart does (fast shutdown: sessions cut, in-flight transactions
    /// rolled back, a checkpoint); <see cref="StartAgainAsync"/> brings it back on the same port. For fault benchmarks.</summary>
    public async Task StopAsync(CancellationToken ct)
    {
        if (_started)
        {
            _started = false;
            await _runner.RunAsync("pg_ctl", ["-D", _dataDirectory, "-m", "fast", "-w", "stop"], ct);
        }
    }

    /// <summary>Starts a cluster stopped by <see cref="StopAsync"/> again on its port, so connection strings stay valid.</summary>
    public async Task StartAgainAsync(CancellationToken ct)
    {
        if (!_started)
        {
            await _runner.RunAsync("pg_ctl", ["-D", _dataDirectory, "-l", Path.Combine(_dataDirectory, "server.log"),
                "-w", "-t", "60", "-o", $"-p {Port}", "start"], ct);
            _started = true;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_started)
        {
            _started = false;
            NpgsqlConnection.ClearAllPools();
            await _runner.RunAsync("pg_ctl", ["-D", _dataDirectory, "-m", "fast", "-w", "stop"], CancellationToken.None);
        }
    }

    private async Task InitialiseAsync(EmbeddedCredentials credentials, CancellationToken ct)
    {
        Directory.CreateDirectory(_dataDirectory);
        // initdb wants an empty folder, so the password file lives in the temp folder for the moment it is read.
        var pwfile = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(pwfile, credentials.SuperuserPassword, ct);
            if (RunsAsPostgresUser)
            {
                var chown = new ProcessRunner("/usr/bin", null);
                await chown.RunAsync("chown", ["postgres:postgres", _dataDirectory, pwfile], ct);
            }

            await _runner.RunAsync("initdb", ["-D", _dataDirectory, "-U", "postgres", "--auth=scram-sha-256",
                "--pwfile=" + pwfile, "-E", "UTF8", "--no-locale", "--no-instructions"], ct);
        }
        finally
        {
            File.Delete(pwfile);
        }

        var settings = new List<string>
        {
            "listen_addresses = '127.0.0.1'",
            "unix_socket_directories = ''",
            $"max_connections = {_options.MaxConnections}",
            "shared_buffers = '256MB'",
        };
        if (!_options.Durable)
        {
            settings.AddRange(["fsync = off", "synchronous_commit = off", "full_page_writes = off"]);
        }

        settings.AddRange(_options.ExtraSettings);

        await File.AppendAllLinesAsync(Path.Combine(_dataDirectory, "postgresql.conf"), settings, ct);
    }

    // A previous run killed with SIGKILL leaves its postmaster running: stop it rather than fail on the lock.
    private async Task StopLeftoverAsync(CancellationToken ct)
    {
        if (!File.Exists(Path.Combine(_dataDirectory, "postmaster.pid")))
        {
            return;
        }

        try
        {
            await _runner.RunAsync("pg_ctl", ["-D", _dataDirectory, "status"], ct);
            await _runner.RunAsync("pg_ctl", ["-D", _dataDirectory, "-m", "fast", "-w", "stop"], ct);
        }
        catch (InvalidOperationException)
        {
            // Not running: a stale pid file, which postgres itself removes on start.
        }
    }

    private async Task EnsureDatabaseAndAppRoleAsync(string adminConnection, EmbeddedCredentials credentials, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(adminConnection);
        await conn.OpenAsync(ct);
        await using (var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", conn))
        {
            exists.Parameters.AddWithValue(_options.Database);
            if (await exists.ExecuteScalarAsync(ct) is null)
            {
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{_options.Database}\"", conn);
                await create.ExecuteNonQueryAsync(ct);
            }
        }

        await DatabaseRoles.EnsureAppRoleAsync(conn, ct);
        // The password is ours (random, kept beside the data folder), so quoting it into DDL is safe.
        await using var login = new NpgsqlCommand(
            $"ALTER ROLE {DatabaseRoles.App} LOGIN PASSWORD '{credentials.AppPassword}'", conn);
        await login.ExecuteNonQueryAsync(ct);
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    internal static string NewSecret() => Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
}
