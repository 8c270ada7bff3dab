using Beacon.TestKit;

namespace Beacon.IntegrationTests.Platform;

/// <summary>
/// A server process on a database of its own (the shared in-process server would claim the job too), and the
/// diagnostic probe job held in <c>pg_sleep</c>: what the queue's shutdown and outage tests start from.
/// </summary>
internal static class ProbeNode
{
    public static Task<ServerProcess> StartAsync(TestDatabase database, IReadOnlyDictionary<string, string?> jobs)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Beacon"] = database.AppConnectionString,
            ["Beacon:Auth:KeyEncryptionKey"] = database.KeyEncryptionKey,
            ["Beacon:Jobs:PollInterval"] = "00:00:00.200",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in jobs)
        {
            settings[key] = value;
        }

        return ServerProcess.StartAsync(settings);
    }

    /// <summary>Queues a probe that holds its transaction for <paramref name="holdSeconds"/>, and waits until the node runs it.</summary>
    public static async Task RunHeldProbeAsync(TestDatabase database, Guid tenant, int holdSeconds)
    {
        await database.ScalarAsync<int>("""
            INSERT INTO platform.jobs (tenant_id, handler, message_id, payload)
            VALUES ($1, 'diagnostics.probe', gen_random_uuid(), jsonb_build_object('holdSeconds', $2)) RETURNING 1
            """, tenant, holdSeconds);
        await Poller.UntilAsync(() => database.ScalarAsync<long>(
            "SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep%' AND state = 'active'"), n => n == 1,
            because: "the node runs the held probe");
    }
}
