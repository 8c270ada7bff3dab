using Beacon.SharedKernel.Messaging;
using Shouldly;
using Xunit;

namespace Beacon.UnitTests.Platform;

public sealed class AsyncPulseTests
{
    [Fact]
    public void A_pulse_wakes_every_waiter_that_took_the_task_before_it()
    {
        var pulse = new AsyncPulse();
        var first = pulse.Next;
        var second = pulse.Next;
        first.IsCompleted.ShouldBeFalse();

        pulse.Pulse();

        first.IsCompleted.ShouldBeTrue();
        second.IsCompleted.ShouldBeTrue();
        pulse.Next.IsCompleted.ShouldBeFalse("a waiter arriving after the pulse waits for the next one");
    }
}
