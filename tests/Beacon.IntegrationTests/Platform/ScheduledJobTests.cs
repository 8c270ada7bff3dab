using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Diagnostics;
using Beacon.TestKit;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Platform;

/// <summary>A job scheduled for later starts when it comes due, not at the worker's next poll.</summary>
public sealed class ScheduledJobTests
{
    [Fact]
    public async Task A_job_scheduled_for_later_starts_when_due_without_waiting_for_the_next_poll()
    {
        // A database of its own with nobody else's jobs to wake the workers, and a poll interval far beyond the deadline.
        await using var database = new TestDatabase();
        await database.InitializeAsync();
        await using var factory = new BeaconFactory(database, new Dictionary<string, string?> { ["Beacon:Jobs:PollInterval"] = "00:05:00" });
        _ = factory.Server;
        var tenant = Guid.NewGuid();
        var dueAt = TimeProvider.System.GetUtcNow().AddSeconds(3);

        Guid message;
        await using (var tx = await factory.Services.GetRequiredService<Db>().BeginAsync(tenant, CancellationToken.None))
        {
            message = tx.Enqueue(ProbeJobHandler.Name, new ProbePayload(), dueAt);
            await tx.CommitAsync(CancellationToken.None);
        }

        var started = await Poller.UntilAsync(() => database.ScalarAsync<DateTime?>(
                "SELECT started_at FROM platform.probe_runs WHERE message_id = $1", message), s => s is not null, TimeSpan.FromSeconds(60),
            "the probe starts once due, well before the five-minute poll");
        new DateTimeOffset(started!.Value, TimeSpan.Zero).ShouldBeGreaterThanOrEqualTo(dueAt.AddMilliseconds(-5), "not before it was due");
    }
}
