using Beacon.Enrichment.Pipeline;
using Shouldly;
using Xunit;

namespace Beacon.UnitTests.Enrichment;

public sealed class CircuitBreakerTests
{
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 11, 21, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void It_opens_after_N_consecutive_failures_and_refuses_calls_while_open()
    {
        var breaker = new CircuitBreaker(3, TimeSpan.FromSeconds(30), _clock);
        breaker.RecordFailure();
        breaker.RecordFailure();
        breaker.State.ShouldBe(BreakerState.Closed);
        breaker.TryAcquire().ShouldBeTrue();
        breaker.RecordFailure();

        breaker.State.ShouldBe(BreakerState.Open);
        breaker.TryAcquire().ShouldBeFalse();
        breaker.OpenUntil.ShouldBe(_clock.GetUtcNow().AddSeconds(30));
    }

    [Fact]
    public void A_success_resets_the_failure_count()
    {
        var breaker = new CircuitBreaker(3, TimeSpan.FromSeconds(30), _clock);
        breaker.RecordFailure();
        breaker.RecordFailure();
        breaker.RecordSuccess();
        breaker.RecordFailure();
        breaker.RecordFailure();
        breaker.State.ShouldBe(BreakerState.Closed);
    }

    [Fact]
    public void Half_open_lets_exactly_one_trial_through_and_its_success_closes_the_breaker()
    {
        var breaker = Opened();
        _clock.Advance(TimeSpan.FromSeconds(31));

        breaker.State.ShouldBe(BreakerState.HalfOpen);
        breaker.TryAcquire().ShouldBeTrue();
        breaker.TryAcquire().ShouldBeFalse("only one trial at a time");
        breaker.RecordSuccess();

        breaker.State.ShouldBe(BreakerState.Closed);
        breaker.TryAcquire().ShouldBeTrue();
    }

    [Fact]
    public void A_failed_trial_opens_the_breaker_for_another_period()
    {
        var breaker = Opened();
        _clock.Advance(TimeSpan.FromSeconds(31));
        breaker.TryAcquire().ShouldBeTrue();
        breaker.RecordFailure();

        breaker.State.ShouldBe(BreakerState.Open);
        breaker.OpenUntil.ShouldBe(_clock.GetUtcNow().AddSeconds(30));
        breaker.TryAcquire().ShouldBeFalse();
    }

    [Fact]
    public void A_released_trial_lets_the_next_caller_try()
    {
        var breaker = Opened();
        _clock.Advance(TimeSpan.FromSeconds(31));
        breaker.TryAcquire().ShouldBeTrue();
        breaker.ReleaseTrial();
        breaker.TryAcquire().ShouldBeTrue();
    }

    private CircuitBreaker Opened()
    {
        var breaker = new CircuitBreaker(1, TimeSpan.FromSeconds(30), _clock);
        breaker.RecordFailure();
        breaker.State.ShouldBe(BreakerState.Open);
        return breaker;
    }
}
