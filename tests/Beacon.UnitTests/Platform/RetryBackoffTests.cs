using Beacon.SharedKernel.Messaging;
using Shouldly;
using Xunit;

namespace Beacon.UnitTests.Platform;

public sealed class RetryBackoffTests
{
    [Theory]
    [InlineData(1, 1000, 2000)]
    [InlineData(2, 2000, 4000)]
    [InlineData(4, 8000, 16000)]
    public void Each_retry_waits_between_half_and_all_of_the_doubled_delay(int attempt, int min, int max)
    {
        var random = new Random(7);
        for (var i = 0; i < 200; i++)
        {
            var delay = RetryBackoff.Delay(attempt, TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(10), random).TotalMilliseconds;
            delay.ShouldBeInRange(min, max);
        }
    }

    [Fact]
    public void The_delay_never_exceeds_the_cap_even_after_many_attempts()
    {
        var delay = RetryBackoff.Delay(60, TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(10), new Random(1));
        delay.ShouldBeLessThanOrEqualTo(TimeSpan.FromMinutes(10));
        delay.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMinutes(5));
    }

    [Fact]
    public void Jitter_spreads_retries_of_the_same_attempt()
    {
        var random = new Random(3);
        var delays = Enumerable.Range(0, 50)
            .Select(_ => RetryBackoff.Delay(3, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1), random)).Distinct().Count();
        delays.ShouldBeGreaterThan(40);
    }
}
