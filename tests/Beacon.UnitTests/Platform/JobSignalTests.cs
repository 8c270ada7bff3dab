using Beacon.SharedKernel.Messaging;
using Shouldly;
using Xunit;

namespace Beacon.UnitTests.Platform;

/// <summary>Each lane's loops wake for their own lane's jobs, and a process skips its own NOTIFY (ADR 0008).</summary>
public sealed class JobSignalTests
{
    [Fact]
    public void A_raise_wakes_the_lanes_it_queued_to_and_the_stream_and_tells_other_processes_which()
    {
        var signal = new JobSignal();
        var (stream, interactive, bulk) = (signal.Local.Next, signal.Work(JobLane.Interactive).Next, signal.Work(JobLane.Bulk).Next);

        signal.Raise(interactive: true, bulk: false);
        signal.Raise(interactive: false, bulk: false);

        (stream.IsCompleted, interactive.IsCompleted, bulk.IsCompleted).ShouldBe((true, true, false));
        signal.TakePendingLanes().ShouldBe("i");
        signal.TakePendingLanes().ShouldBe("", "taken once");
    }

    [Theory]
    [InlineData("other:b", true, false, true)]
    [InlineData("other:ib", true, true, true)]
    [InlineData("other:", true, false, false)]
    [InlineData("", true, true, true)]
    public void A_notification_from_another_process_wakes_the_lanes_it_names(string payload, bool stream, bool interactive, bool bulk)
    {
        var signal = new JobSignal();
        var waits = (signal.Local.Next, signal.Work(JobLane.Interactive).Next, signal.Work(JobLane.Bulk).Next);

        signal.Receive(payload);

        (waits.Item1.IsCompleted, waits.Item2.IsCompleted, waits.Item3.IsCompleted).ShouldBe((stream, interactive, bulk));
    }

    [Fact]
    public void A_process_skips_its_own_notification()
    {
        var signal = new JobSignal();
        var waits = (signal.Local.Next, signal.Work(JobLane.Interactive).Next, signal.Work(JobLane.Bulk).Next);

        signal.Receive($"{signal.ProcessId}:ib");

        (waits.Item1.IsCompleted, waits.Item2.IsCompleted, waits.Item3.IsCompleted).ShouldBe((false, false, false));
    }
}
