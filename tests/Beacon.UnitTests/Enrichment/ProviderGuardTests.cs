using Beacon.Enrichment;
using Beacon.Enrichment.Pipeline;
using Beacon.Enrichment.Providers;
using Microsoft.Extensions.Time.Testing;
using Shouldly;
using Xunit;

namespace Beacon.UnitTests.Enrichment;

public sealed class ProviderGuardTests
{
    private static readonly ProviderOutcome Unavailable = ProviderOutcome.Retry("503 from provider");
    private static readonly ProviderOutcome Answer = ProviderOutcome.NoMatch();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 21, 9, 0, 0, TimeSpan.Zero));
    private int _sent;

    [Fact]
    public async Task It_opens_after_N_failures_in_a_row_and_sends_nothing_while_open()
    {
        var guard = Guard(failures: 3);
        await CallAsync(guard, Unavailable);
        await CallAsync(guard, Unavailable);
        guard.State.ShouldBe(BreakerState.Closed);
        await CallAsync(guard, Unavailable);

        guard.State.ShouldBe(BreakerState.Open);
        guard.OpenUntil.ShouldBe(_clock.GetUtcNow().AddSeconds(30));
        guard.ConsecutiveFailures.ShouldBe(3);
        var refused = await CallAsync(guard, Answer);
        refused.Kind.ShouldBe(OutcomeKind.NotSent);
        refused.RetryAfter.ShouldBe(TimeSpan.FromSeconds(30));
        _sent.ShouldBe(3, "an open breaker lets no call out");
    }

    [Fact]
    public async Task A_success_between_failures_keeps_it_closed_and_a_429_is_no_failure()
    {
        var guard = Guard(failures: 3);
        await CallAsync(guard, Unavailable);
        await CallAsync(guard, Unavailable);
        await CallAsync(guard, Answer);
        await CallAsync(guard, ProviderOutcome.Retry("429 rate limited", TimeSpan.FromSeconds(1), throttled: true));
        await CallAsync(guard, Unavailable);
        await CallAsync(guard, Unavailable);

        guard.State.ShouldBe(BreakerState.Closed);
        guard.ConsecutiveFailures.ShouldBe(2);
    }

    [Fact]
    public async Task Half_open_lets_exactly_one_trial_through_and_its_success_closes_the_breaker()
    {
        var guard = await OpenedAsync();
        _clock.Advance(TimeSpan.FromSeconds(31));
        guard.State.ShouldBe(BreakerState.HalfOpen);

        var trialAnswer = new TaskCompletionSource<ProviderOutcome>();
        var trial = guard.CallAsync(_ => trialAnswer.Task, CancellationToken.None);
        (await CallAsync(guard, Answer)).Kind.ShouldBe(OutcomeKind.NotSent, "only one trial at a time");
        trialAnswer.SetResult(Answer);
        (await trial).Kind.ShouldBe(OutcomeKind.NoMatch);

        guard.State.ShouldBe(BreakerState.Closed);
        (await CallAsync(guard, Answer)).Kind.ShouldBe(OutcomeKind.NoMatch);
    }

    [Fact]
    public async Task A_failed_trial_opens_the_breaker_for_another_period()
    {
        var guard = await OpenedAsync();
        _clock.Advance(TimeSpan.FromSeconds(31));
        await CallAsync(guard, Unavailable);

        guard.State.ShouldBe(BreakerState.Open);
        guard.OpenUntil.ShouldBe(_clock.GetUtcNow().AddSeconds(30));
        (await CallAsync(guard, Answer)).Kind.ShouldBe(OutcomeKind.NotSent);
    }

    [Fact]
    public async Task A_call_slower_than_the_timeout_is_a_retryable_timeout_that_counts_against_the_breaker()
    {
        var guard = Guard(failures: 2);
        var call = guard.CallAsync(async ct =>
        {
            await Task.Delay(TimeSpan.FromSeconds(10), _clock, ct);
            return Answer;
        }, CancellationToken.None);
        _clock.Advance(TimeSpan.FromSeconds(2));

        var outcome = await call;
        outcome.Kind.ShouldBe(OutcomeKind.Retry);
        outcome.Error.ShouldBe("timeout");
        guard.ConsecutiveFailures.ShouldBe(1);
    }

    [Fact]
    public async Task Failures_further_apart_than_the_window_do_not_open_it()
    {
        // Polly's breaker counts failures inside a sampling window (30 s here); the hand-written one counted
        // consecutive failures however old, so three failures an hour apart opened it.
        var guard = Guard(failures: 3);
        await CallAsync(guard, Unavailable);
        await CallAsync(guard, Unavailable);
        _clock.Advance(TimeSpan.FromMinutes(5));
        await CallAsync(guard, Unavailable);

        guard.State.ShouldBe(BreakerState.Closed);
    }

    private ProviderGuard Guard(int failures) =>
        new(new ProviderOptions { BreakerFailures = failures, BreakerOpen = TimeSpan.FromSeconds(30), Timeout = TimeSpan.FromSeconds(2) }, _clock);

    private async Task<ProviderGuard> OpenedAsync()
    {
        var guard = Guard(failures: 2);
        await CallAsync(guard, Unavailable);
        await CallAsync(guard, Unavailable);
        guard.State.ShouldBe(BreakerState.Open);
        return guard;
    }

    private Task<ProviderOutcome> CallAsync(ProviderGuard guard, ProviderOutcome answer) =>
        guard.CallAsync(_ =>
        {
            _sent++;
            return Task.FromResult(answer);
        }, CancellationToken.None);
}
