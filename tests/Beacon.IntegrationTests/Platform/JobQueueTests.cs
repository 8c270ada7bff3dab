using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Diagnostics;
using Beacon.TestKit;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Platform;

/// <summary>The durable queue's promises, proven with the diagnostic probe job through the real worker.</summary>
public sealed class JobQueueTests(BeaconApp app)
{
    // The queue is shared with every other test's jobs (scoring, enrichment with provider latency): these tests are
    // about delivery guarantees, not latency (the queue benchmark measures that), so they wait generously.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private async Task<Guid> EnqueueProbeAsync(Guid tenant, bool fail)
    {
        var db = app.Factory.Services.GetRequiredService<Db>();
        await using var tx = await db.BeginAsync(tenant, CancellationToken.None);
        // The id comes from the transaction: reading it back from platform.jobs raced a worker that had already run
        // and removed the job.
        var message = tx.Enqueue(ProbeJobHandler.Name, new ProbePayload(fail));
        await tx.CommitAsync(CancellationToken.None);
        return message;
    }

    [Fact]
    public async Task A_job_committed_with_its_transaction_runs_once()
    {
        var tenant = Guid.NewGuid();
        var message = await EnqueueProbeAsync(tenant, fail: false);

        await Poller.UntilAsync(() => app.Database.ScalarAsync<long>(
            "SELECT count(*) FROM platform.probe_runs WHERE message_id = $1", message), n => n == 1, Patience, "the probe runs");
        await Poller.UntilAsync(() => app.Database.ScalarAsync<long>(
            "SELECT count(*) FROM platform.jobs WHERE message_id = $1", message), n => n == 0, Patience, "the job is removed");
    }

    [Fact]
    public async Task A_job_whose_transaction_rolls_back_never_exists()
    {
        var tenant = Guid.NewGuid();
        var db = app.Factory.Services.GetRequiredService<Db>();
        await using (var tx = await db.BeginAsync(tenant, CancellationToken.None))
        {
            tx.Enqueue(ProbeJobHandler.Name, new ProbePayload());
        }

        (await app.Database.ScalarAsync<long>("SELECT count(*) FROM platform.jobs WHERE tenant_id = $1", tenant)).ShouldBe(0);
    }

    [Fact]
    public async Task A_crashing_handler_is_retried_then_dead_lettered_with_its_error()
    {
        var message = await EnqueueProbeAsync(Guid.NewGuid(), fail: true);

        var attempts = await Poller.UntilAsync(() => app.Database.ScalarAsync<int>(
            "SELECT attempts FROM platform.dead_letters WHERE message_id = $1", message), a => a > 0, Patience, "it is buried");

        attempts.ShouldBe(3, "MaxAttempts is 3 in tests");
        (await app.Database.ScalarAsync<string>("SELECT last_error FROM platform.dead_letters WHERE message_id = $1", message))!
            .ShouldContain("was asked to fail (attempt 3)");
        (await app.Database.ScalarAsync<long>("SELECT count(*) FROM platform.jobs WHERE message_id = $1", message)).ShouldBe(0);
    }

    [Fact]
    public async Task A_duplicate_delivery_of_one_message_is_handled_once()
    {
        var tenant = Guid.NewGuid();
        var message = Guid.NewGuid();
        await app.Database.ScalarAsync<int>("""
            INSERT INTO platform.jobs (tenant_id, handler, message_id, payload)
            SELECT $1, 'diagnostics.probe', $2, '{"fail":false}' FROM generate_series(1, 3)
            """, tenant, message);

        await Poller.UntilAsync(() => app.Database.ScalarAsync<long>(
            "SELECT count(*) FROM platform.jobs WHERE message_id = $1", message), n => n == 0, Patience, "all three deliveries finish");
        (await app.Database.ScalarAsync<long>("SELECT count(*) FROM platform.probe_runs WHERE message_id = $1", message)).ShouldBe(1);
    }

    [Fact]
    public async Task Signup_writes_its_events_in_the_same_transaction()
    {
        var session = await app.SignupAsync();
        var types = await app.Database.ScalarAsync<string[]>(
            "SELECT array_agg(type ORDER BY seq) FROM platform.events WHERE tenant_id = $1", session.TenantId);
        types.ShouldBe(["tenant.created", "user.joined"]);
    }
}
