using Beacon.TestKit;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Platform;

/// <summary>A stopping node never waits on a long job: after the grace it cancels it and hands it back.</summary>
public sealed class JobShutdownTests
{
    [Fact]
    public async Task A_job_still_running_when_the_shutdown_grace_ends_is_cancelled_and_handed_back_uncounted()
    {
        // A database of its own: the shared in-process server would claim the slow job too.
        await using var database = new TestDatabase();
        await database.InitializeAsync();
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Beacon"] = database.AppConnectionString,
            ["Beacon:Auth:KeyEncryptionKey"] = database.KeyEncryptionKey,
            ["Beacon:Jobs:PollInterval"] = "00:00:00.200",
            ["Beacon:Jobs:ShutdownGrace"] = "00:00:01",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        await using var server = await ServerProcess.StartAsync(settings);
        var tenant = Guid.NewGuid();
        await database.ScalarAsync<int>("""
            INSERT INTO platform.jobs (tenant_id, handler, message_id, payload)
            VALUES ($1, 'diagnostics.probe', gen_random_uuid(), '{"holdSeconds":600}') RETURNING 1
            """, tenant);
        await Poller.UntilAsync(() => database.ScalarAsync<long>(
            "SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep%' AND state = 'active'"), n => n == 1,
            because: "the node runs the slow job");

        (await server.InterruptAsync(TimeSpan.FromSeconds(60))).ShouldBe(0);

        (await database.ScalarAsync<long>(
            "SELECT count(*) FROM platform.jobs WHERE tenant_id = $1 AND locked_until IS NULL AND attempts = 0", tenant))
            .ShouldBe(1, "the job is back in the queue, its attempt not counted");
        (await database.ScalarAsync<long>("SELECT count(*) FROM platform.probe_runs WHERE tenant_id = $1", tenant)).ShouldBe(0);
    }
}
