using Beacon.Realtime.Stream;
using Shouldly;
using Xunit;

namespace Beacon.UnitTests.Realtime;

public sealed class DoorbellTests
{
    [Fact]
    public async Task A_ring_before_the_wait_is_kept_and_many_rings_wake_once()
    {
        var bell = new Doorbell();
        bell.Ring();
        bell.Ring();
        bell.Ring();

        (await bell.WaitAsync(TestContext.Current.CancellationToken)).ShouldBeFalse("rows, not a heartbeat");
        var next = bell.WaitAsync(TestContext.Current.CancellationToken).AsTask();
        next.IsCompleted.ShouldBeFalse("three rings while nobody waited are one wake-up");
        bell.Ring();
        (await next).ShouldBeFalse();
    }

    [Fact]
    public async Task A_heartbeat_is_reported_once_even_when_rows_rang_too()
    {
        var bell = new Doorbell();
        bell.Beat();
        bell.Ring();

        (await bell.WaitAsync(TestContext.Current.CancellationToken)).ShouldBeTrue();
        bell.Ring();
        (await bell.WaitAsync(TestContext.Current.CancellationToken)).ShouldBeFalse();
    }

    [Fact]
    public async Task Cancelling_a_wait_ends_it()
    {
        var bell = new Doorbell();
        using var cts = new CancellationTokenSource();
        var wait = bell.WaitAsync(cts.Token).AsTask();
        await cts.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(wait);
    }
}
