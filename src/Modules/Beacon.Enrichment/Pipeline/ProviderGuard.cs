using Beacon.Enrichment.Providers;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Beacon.Enrichment.Pipeline;

internal enum BreakerState
{
    Closed,
    Open,
    HalfOpen,
}

/// <summary>
/// One provider's Polly pipeline on this node: a circuit breaker around a per-attempt timeout. The breaker opens when
/// at least <c>BreakerFailures</c> calls within its sampling window all failed (timeouts, resets, 5xx; not 429, not
/// 404), stays open for <c>BreakerOpen</c>, then lets exactly one trial call through (half-open): its success closes
/// it, its failure opens it again. Retries are not Polly's: they are durable jobs (see <see cref="ResultWriter"/>).
/// </summary>
internal sealed class ProviderGuard
{
    private readonly CircuitBreakerStateProvider _state = new();
    private readonly TimeProvider _clock;
    private readonly ResiliencePipeline<ProviderOutcome> _pipeline;
    private long _openUntilTicks;
    private int _failures;

    public ProviderGuard(ProviderOptions options, TimeProvider clock)
    {
        _clock = clock;
        _pipeline = new ResiliencePipelineBuilder<ProviderOutcome> { TimeProvider = clock }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions<ProviderOutcome>
            {
                // "Every call in the window failed, and there were at least N": Polly's form of N failures in a row.
                FailureRatio = 1.0,
                MinimumThroughput = options.BreakerFailures,
                SamplingDuration = SamplingWindow(options.BreakerOpen),
                BreakDuration = options.BreakerOpen,
                StateProvider = _state,
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is TimeoutRejectedException
                                                            || args.Outcome.Result is { ProviderHealthy: false }),
                OnOpened = args =>
                {
                    Interlocked.Exchange(ref _openUntilTicks, (_clock.GetUtcNow() + args.BreakDuration).UtcTicks);
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(options.Timeout)
            .Build();
    }

    /// <summary>What operators see; an open breaker whose period ended reads half-open (its trial goes to the next call).</summary>
    public BreakerState State => _state.CircuitState switch
    {
        CircuitState.Closed => BreakerState.Closed,
        CircuitState.HalfOpen => BreakerState.HalfOpen,
        _ => _clock.GetUtcNow() < OpenUntil ? BreakerState.Open : BreakerState.HalfOpen,
    };

    /// <summary>When an open breaker lets the next trial through.</summary>
    public DateTimeOffset OpenUntil => new(Interlocked.Read(ref _openUntilTicks), TimeSpan.Zero);

    /// <summary>Failed calls since the last healthy answer (for operators; the breaker decides by its window).</summary>
    public int ConsecutiveFailures => Volatile.Read(ref _failures);

    /// <summary>
    /// One attempt through the breaker and the timeout. An open breaker (or a half-open one whose trial is out)
    /// sends nothing and answers <see cref="OutcomeKind.NotSent"/>, due when the breaker lets a trial through.
    /// </summary>
    public async Task<ProviderOutcome> CallAsync(Func<CancellationToken, Task<ProviderOutcome>> call, CancellationToken ct)
    {
        ProviderOutcome outcome;
        try
        {
            outcome = await _pipeline.ExecuteAsync(async token => await call(token), ct);
        }
        catch (BrokenCircuitException e)
        {
            return ProviderOutcome.NotSent(e.RetryAfter ?? (OpenUntil - _clock.GetUtcNow()));
        }
        catch (TimeoutRejectedException)
        {
            outcome = ProviderOutcome.Retry("timeout");
        }

        if (outcome.ProviderHealthy)
        {
            Interlocked.Exchange(ref _failures, 0);
        }
        else
        {
            Interlocked.Increment(ref _failures);
        }

        return outcome;
    }

    /// <summary>The open period, but at least 30 s: a burst of failures shorter than a few retries apart must still add up.</summary>
    private static TimeSpan SamplingWindow(TimeSpan breakerOpen) =>
        breakerOpen < TimeSpan.FromSeconds(30) ? TimeSpan.FromSeconds(30) : breakerOpen;
}
