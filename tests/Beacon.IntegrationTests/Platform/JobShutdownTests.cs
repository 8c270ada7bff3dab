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
        await using var database = new TestDatabase();
        await database.InitializeAsync();
        await using var server = await ProbeNode.StartAsync(database, new Dictionary<string, string?> { ["Beacon:Jobs:ShutdownGrace"] = "00:00:01" });
        var tenant = Guid.NewGuid();
        await ProbeNode.RunHeldProbeAsync(database, tenant, holdSeconds: 600);

        (await server.InterruptAsync(TimeSpan.FromSeconds(60))).ShouldBe(0);

        (await database.ScalarAsync<long>(
            "SELECT count(*) FROM platform.jobs WHERE tenant_id = $1 AND locked_until IS NULL AND attempts = 0", tenant))
            .ShouldBe(1, "the job is back in the queue, its attempt not counted");
        (await database.ScalarAsync<long>("SELECT count(*) FROM platform.probe_runs WHERE tenant_id = $1", tenant)).ShouldBe(0);
    }
}
