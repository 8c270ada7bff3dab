using System.Net.Sockets;
using Npgsql;

namespace Beacon.SharedKernel.Database;

/// <summary>
/// Tells "PostgreSQL cannot be reached right now" (a restart, a failover, a full pool) from everything else: a
/// request that failed for that reason may be retried as it is, so it is answered 503, not 500.
/// </summary>
internal static class DatabaseUnavailable
{
    // 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now, 53300 too_many_connections; class 08 is
    // connection_exception. Serialization failures and deadlocks are transient too, but they are ours to retry.
    private static readonly HashSet<string> UnavailableStates = ["57P01", "57P02", "57P03", "53300"];

    public static bool Is(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException postgres:
                    return UnavailableStates.Contains(postgres.SqlState) || postgres.SqlState.StartsWith("08", StringComparison.Ordinal);
                case NpgsqlException { IsTransient: true }:
                case NpgsqlException { InnerException: SocketException or IOException or TimeoutException }:
                    return true;
            }
        }

        return false;
    }
}
