using Beacon.Enrichment.Pipeline;
using Shouldly;
using Xunit;

namespace Beacon.UnitTests.Enrichment;

public sealed class BackoffTests
{
    [Fact]
    public void Delays_grow_exponentially_with_jitter_and_stop_at_the_maximum()
    {
        var random = new Random(7);
        for (var attempt = 1; attempt <= 10; attempt++)
        {
            var ceiling = Math.Min(60_000, 500 * Math.Pow(2, attempt - 1));
            var delay = Backoff.Delay(attempt, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(60), null, random);
            delay.TotalMilliseconds.ShouldBeInRange(ceiling / 2, ceiling);
        }
    }

    [Fact]
    public void Retry_After_is_never_cut_short() =>
        Backoff.Delay(1, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), new Random(1))
            .ShouldBe(TimeSpan.FromSeconds(5));
}
