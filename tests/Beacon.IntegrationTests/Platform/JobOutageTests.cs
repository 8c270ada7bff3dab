using Beacon.TestKit;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Platform;

/// <summary>A job cut off by a PostgreSQL restart runs again soon after the database is back, not when its claim expires.</summary>
public sealed class JobOutageTests
{
    [Fact]
    public async Task A_job_running_when_the_database_restarts_is_retried_once_it_is_back_not_after_its_claim_expires()
    {
        // A cluster of its own, so the test can stop it.
        await using var database = new TestDatabase();
        await database.InitializeAsync();
        await using var server = await ProbeNode.StartAsync(database, new Dictionary<string, string?>
        {
            ["Beacon:Jobs:RetryBaseDelay"] = "00:00:01",
            ["Beacon:Jobs:VisibilityTimeout"] = "00:05:00",
        });
        var tenant = Guid.NewGuid();
        await ProbeNode.RunHeldProbeAsync(database, tenant, holdSeconds: 3);

        // The handler's session is cut, and for 3 s the failure cannot be recorded either.
        await database.RestartAsync(down: TimeSpan.FromSeconds(3));

        // The claim lasts 5 minutes: a job left claimed would not run again within this patience.
        var attempt = await Poller.UntilAsync(() => database.ScalarAsync<int>(
            "SELECT coalesce(max(attempt), 0) FROM platform.probe_runs WHERE tenant_id = $1", tenant), a => a > 0,
            TimeSpan.FromSeconds(90), "the job runs again after the restart");
        attempt.ShouldBe(2, "the cut-off run counted as a failed attempt and the retry finished it");
        (await database.ScalarAsync<long>("SELECT count(*) FROM platform.jobs WHERE tenant_id = $1", tenant)).ShouldBe(0);
    }
}
