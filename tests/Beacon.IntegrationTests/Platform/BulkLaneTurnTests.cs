using Beacon.SharedKernel.Messaging;
using Beacon.TestKit;
using Microsoft.Extensions.Options;
using Npgsql;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Platform;

/// <summary>
/// Tenants take turns in the bulk lane: a brokerage whose import queued hundreds of chunks does not hold up another
/// brokerage's small import until its last chunk, while the interactive lane still serves whatever came due first.
/// </summary>
public sealed class BulkLaneTurnTests : IAsyncLifetime
{
    // A database of its own: a server's workers on a shared one would claim these jobs first.
    private readonly TestDatabase _database = new();
    private NpgsqlDataSource _dataSource = null!;
    private JobStore _store = null!;

    public async ValueTask InitializeAsync()
    {
        await _database.InitializeAsync();
        _dataSource = NpgsqlDataSource.Create(_database.AdminConnectionString);
        _store = new JobStore(_dataSource, Options.Create(new JobOptions()));
    }

    public async ValueTask DisposeAsync()
    {
        await _dataSource.DisposeAsync();
        await _database.DisposeAsync();
    }

    private Task<int> QueueAsync(Guid tenant, string lane, int count, int secondsAgo) => _database.ScalarAsync<int>("""
        INSERT INTO platform.jobs (tenant_id, handler, message_id, payload, lane, run_at)
        SELECT $1, 'diagnostics.probe', gen_random_uuid(), '{}', $2, now() - make_interval(secs => $3) + i * interval '1 ms'
          FROM generate_series(1, $4) i
        """, tenant, lane, (double)secondsAgo, count);

    private async Task<List<Guid>> ClaimOneByOneAsync(JobLane lane, int claims)
    {
        var order = new List<Guid>();
        for (var i = 0; i < claims; i++)
        {
            var jobs = await _store.ClaimAsync(lane, 1, TimeSpan.FromMinutes(5), CancellationToken.None);
            jobs.Count.ShouldBe(1, $"claim {i + 1} of {claims} finds a due job");
            order.Add(jobs[0].TenantId);
        }

        return order;
    }

    [Fact]
    public async Task A_small_import_queued_behind_a_large_one_is_served_by_the_second_claim()
    {
        Guid large = Guid.NewGuid(), small = Guid.NewGuid();
        await QueueAsync(large, "bulk", 50, secondsAgo: 60);
        await QueueAsync(small, "bulk", 2, secondsAgo: 1);

        var order = await ClaimOneByOneAsync(JobLane.Bulk, 5);

        order.ShouldBe([large, small, large, small, large], "turns alternate while both have work");
    }

    [Fact]
    public async Task A_batch_claim_takes_each_tenants_first_job_before_anyones_second()
    {
        Guid first = Guid.NewGuid(), second = Guid.NewGuid(), third = Guid.NewGuid();
        await QueueAsync(first, "bulk", 10, secondsAgo: 30);
        await QueueAsync(second, "bulk", 10, secondsAgo: 20);
        await QueueAsync(third, "bulk", 10, secondsAgo: 10);

        var batch = await _store.ClaimAsync(JobLane.Bulk, 4, TimeSpan.FromMinutes(5), CancellationToken.None);

        batch.Select(j => j.TenantId).ShouldBe([first, second, third, first], ignoreOrder: true);
        (await _database.ScalarAsync<long>("SELECT count(*) FROM platform.lane_turns WHERE lane = 'bulk'")).ShouldBe(3);
    }

    [Fact]
    public async Task The_interactive_lane_still_serves_the_oldest_due_job_first()
    {
        Guid early = Guid.NewGuid(), late = Guid.NewGuid();
        await QueueAsync(early, "interactive", 3, secondsAgo: 60);
        await QueueAsync(late, "interactive", 1, secondsAgo: 1);

        var order = await ClaimOneByOneAsync(JobLane.Interactive, 4);

        order.ShouldBe([early, early, early, late]);
    }
}
