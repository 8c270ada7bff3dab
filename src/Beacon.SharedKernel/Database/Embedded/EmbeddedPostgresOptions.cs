namespace Beacon.SharedKernel.Database.Embedded;

public sealed record EmbeddedPostgresOptions
{
    /// <summary>The cluster's data folder; created and initialised when missing.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>False for throwaway test clusters: no fsync, no full-page writes (a crash may lose them; nobody minds).</summary>
    public bool Durable { get; init; } = true;

    public string Database { get; init; } = "beacon";

    public int MaxConnections { get; init; } = 200;

    /// <summary>More <c>postgresql.conf</c> lines for a new cluster (a benchmark preloading pg_stat_statements, say).</summary>
    public IReadOnlyList<string> ExtraSettings { get; init; } = [];
}
