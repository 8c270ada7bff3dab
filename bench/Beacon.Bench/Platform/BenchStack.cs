using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Database.Embedded;
using Beacon.TestKit;
using Microsoft.Extensions.Logging.Abstractions;

namespace Beacon.Bench.Platform;

/// <summary>
/// What the platform benchmarks run against: a private PostgreSQL cluster in a temp folder (durable by default,
/// so commits wait for fsync as in production), migrated, and one real Beacon.Server process (Release when the
/// bench runs with <c>-c Release</c>: the server dll is copied beside the bench's own).
/// </summary>
internal sealed class BenchStack : IAsyncDisposable
{
    private readonly string _directory;
    private readonly EmbeddedPostgres _cluster;
    private readonly bool _kept;
    private readonly List<ServerProcess> _nodes = [];

    // One key-encryption key per stack: every node of it must unseal the same signing keys.
    private readonly string _keyEncryptionKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    private BenchStack(string directory, EmbeddedPostgres cluster, bool kept)
    {
        _directory = directory;
        _cluster = cluster;
        _kept = kept;
    }

    public ServerProcess? Server { get; private set; }

    public string AdminConnectionString => _cluster.AdminConnectionString;

    public string AppConnectionString => _cluster.AppConnectionString;

    public string DataDirectory => Path.Combine(_directory, "pg");

    /// <param name="statements">Preload pg_stat_statements, for <see cref="PgStatements"/> (it costs a little on every query).</param>
    /// <param name="keep">A folder the cluster lives in and stays in after the run (reused when it holds one already, new
    /// migrations applied): a benchmark whose seeding takes minutes runs again on the same data. Null: a temp folder,
    /// deleted at the end.</param>
    public static async Task<BenchStack> StartAsync(bool durable, CancellationToken ct, bool statements = false, string? keep = null)
    {
        var directory = keep is null ? Path.Combine(Path.GetTempPath(), "beacon-bench-" + Guid.NewGuid().ToString("N")[..12]) : Path.GetFullPath(keep);
        var cluster = new EmbeddedPostgres(new EmbeddedPostgresOptions
        {
            DataDirectory = Path.Combine(directory, "pg"),
            Durable = durable,
            ExtraSettings = statements ? PgStatements.Settings : [],
        });
        var stack = new BenchStack(directory, cluster, keep is not null);
        try
        {
            await cluster.StartAsync(ct);
            await new Migrator(TestDatabase.AllModules(), NullLogger<Migrator>.Instance).MigrateAsync(cluster.AdminConnectionString, ct);
            if (statements)
            {
                await PgStatements.ResetAsync(cluster.AdminConnectionString, ct);
            }
        }
        catch
        {
            await stack.DisposeAsync();
            throw;
        }

        Console.WriteLine($"database: embedded PostgreSQL, durable={durable} ({(durable ? "fsync on, synchronous_commit on" : "fsync off, synchronous_commit off")}), shared_buffers 256MB");
        return stack;
    }

    /// <summary>Starts the server with benchmark defaults (rate limits raised, Warning logs) overridden by <paramref name="extra"/>.</summary>
    /// <remarks><paramref name="appOptions"/>: Npgsql settings appended to the server's app connection string (an experiment knob).</remarks>
    public async Task<ServerProcess> StartServerAsync(IReadOnlyDictionary<string, string?> extra, string? appOptions = null)
    {
        Server = await StartNodeAsync(extra, appOptions);
        return Server;
    }

    /// <summary>Starts one more server process on the same database (a second node, or a node replacing a killed one).</summary>
    public async Task<ServerProcess> StartNodeAsync(IReadOnlyDictionary<string, string?> extra, string? appOptions = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Beacon"] = appOptions is null ? AppConnectionString : $"{AppConnectionString};{appOptions}",
            ["ConnectionStrings:BeaconAdmin"] = AdminConnectionString,
            // A kept cluster holds signing keys sealed with its own key-encryption key (beside it), which a rerun must reuse.
            ["Beacon:Auth:KeyEncryptionKey"] = _kept && _cluster.Credentials is { } kept ? kept.KeyEncryptionKey : _keyEncryptionKey,
            ["Beacon:RateLimits:AuthPerMinute"] = "10000000",
            ["Beacon:RateLimits:Rest:PerPrincipal"] = "600000000",
            ["Beacon:RateLimits:Rest:PerTenant"] = "600000000",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        // A shared machine under load (and the demo seed on start) can take well over the default minute to be ready.
        var node = await ServerProcess.StartAsync(settings, TimeSpan.FromMinutes(5));
        _nodes.Add(node);
        var shown = settings.Where(s => !s.Key.StartsWith("ConnectionStrings", StringComparison.Ordinal) && !s.Key.EndsWith("KeyEncryptionKey", StringComparison.Ordinal));
        Console.WriteLine($"server: {node.BaseAddress} (pid {node.ProcessId}) {ServerBuild()}; {string.Join(", ", shown.Select(s => $"{s.Key}={s.Value}"))}" +
                          (appOptions is null ? "" : $"; app connection + '{appOptions}'"));
        return node;
    }

    /// <summary>Stops PostgreSQL with a fast shutdown, as an operator's restart or a failover does; the nodes keep running.</summary>
    public Task StopDatabaseAsync(CancellationToken ct) => _cluster.StopAsync(ct);

    /// <summary>Starts PostgreSQL again on the same port (the nodes' connection strings stay valid).</summary>
    public async Task StartDatabaseAsync(CancellationToken ct)
    {
        await _cluster.StartAgainAsync(ct);
        // The bench's own pooled connections died with the old server; the nodes must find that out by themselves.
        Npgsql.NpgsqlConnection.ClearAllPools();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        await _cluster.DisposeAsync();
        if (_kept)
        {
            Console.WriteLine($"database kept in {DataDirectory} (its credentials beside it): pass the same folder again to reuse it");
            return;
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.WriteLine($"note: could not delete {_directory}: {e.Message}");
        }
    }

    private static string ServerBuild() =>
        AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "(Release build)" : "(NOT a Release build: figures are not representative)";
}
