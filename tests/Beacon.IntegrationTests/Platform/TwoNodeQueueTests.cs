using Beacon.TestKit;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Platform;

/// <summary>Two real server processes on one database share the queue: every job runs exactly once.</summary>
public sealed class TwoNodeQueueTests(BeaconApp app)
{
    [Fact]
    public async Task With_two_server_processes_every_queued_job_runs_exactly_once()
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Beacon"] = app.Database.AppConnectionString,
            ["Beacon:Auth:KeyEncryptionKey"] = app.Database.KeyEncryptionKey,
            ["Beacon:Jobs:PollInterval"] = "00:00:00.200",
            ["Beacon:Jobs:BatchSize"] = "5",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in BeaconFactory.QueueSettings)
        {
            settings.TryAdd(key, value);
        }

        await using var first = await ServerProcess.StartAsync(settings);
        await using var second = await ServerProcess.StartAsync(settings);
        var tenant = Guid.NewGuid();

        await app.Database.ScalarAsync<int>("""
            INSERT INTO platform.jobs (tenant_id, handler, message_id, payload)
            SELECT $1, 'diagnostics.probe', gen_random_uuid(), '{"fail":false}' FROM generate_series(1, 2000)
            """, tenant);
        await app.Database.ScalarAsync<int>("NOTIFY beacon_jobs");

        await Poller.UntilAsync(() => app.Database.ScalarAsync<long>(
            "SELECT count(*) FROM platform.jobs WHERE tenant_id = $1", tenant), n => n == 0, TimeSpan.FromSeconds(60), "the queue drains");
        (await app.Database.ScalarAsync<long>("SELECT count(*) FROM platform.probe_runs WHERE tenant_id = $1", tenant)).ShouldBe(2000);
        (await app.Database.ScalarAsync<long>("SELECT count(DISTINCT message_id) FROM platform.probe_runs WHERE tenant_id = $1", tenant))
            .ShouldBe(2000);
        // Other tests' server processes on the shared database may take some jobs too: what matters is that both of
        // this test's processes took a share.
        var nodes = await app.Database.ScalarAsync<string[]>(
            "SELECT array_agg(DISTINCT node) FROM platform.probe_runs WHERE tenant_id = $1", tenant);
        nodes!.Select(n => n.Split(':')[^1]).ShouldContain($"{first.ProcessId}", "the first process took a share");
        nodes!.Select(n => n.Split(':')[^1]).ShouldContain($"{second.ProcessId}", "the second process took a share");
    }
}
