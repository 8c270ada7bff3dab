namespace Beacon.Server.Hosting;

/// <summary>
/// What a node does: <c>web</c> serves HTTP and WebSockets, <c>worker</c> runs queued jobs, <c>all</c> both.
/// Nodes are stateless, so any mix of them can share one PostgreSQL.
/// </summary>
internal enum NodeRole
{
    All,
    Web,
    Worker,
}

internal static class NodeRoleExtensions
{
    extension(NodeRole)
    {
        public static NodeRole Of(IConfiguration configuration) =>
            (configuration["Beacon:Role"] ?? "all").ToLowerInvariant() switch
            {
                "all" => NodeRole.All,
                "web" => NodeRole.Web,
                "worker" => NodeRole.Worker,
                var other => throw new InvalidOperationException($"Beacon:Role must be all, web or worker, not '{other}'."),
            };
    }
}
