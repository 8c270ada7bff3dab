namespace Beacon.Enrichment.Pipeline;

internal enum BreakerState
{
    Closed,
    Open,
    HalfOpen,
}

/// <summary>
/// One provider's breaker on this node. Closed: calls pass and consecutive failures are counted; at the threshold it
/// opens. Open: calls are refused until the open period ends. Then half-open: exactly one trial call passes; its
/// success closes the breaker, its failure opens it again for another period.
/// </summary>
internal sealed class CircuitBreaker(int threshold, TimeSpan openFor, TimeProvider clock)
{
    private readonly Lock _gate = new();
    private int _failures;
    private DateTimeOffset _openUntil;
    private bool _open;
    private bool _trialOut;

    public BreakerState State
    {
        get
        {
            lock (_gate)
            {
                return !_open ? BreakerState.Closed : clock.GetUtcNow() < _openUntil ? BreakerState.Open : BreakerState.HalfOpen;
            }
        }
    }

    /// <summary>When an open breaker lets the next trial through.</summary>
    public DateTimeOffset OpenUntil
    {
        get
        {
            lock (_gate)
            {
                return _openUntil;
            }
        }
    }

    public int ConsecutiveFailures
    {
        get
        {
            lock (_gate)
            {
                return _failures;
            }
        }
    }

    /// <summary>Whether a call may go out now; in half-open only the first caller gets the trial.</summary>
    public bool TryAcquire()
    {
        lock (_gate)
        {
            if (!_open)
            {
                return true;
            }

            if (clock.GetUtcNow() < _openUntil || _trialOut)
            {
                return false;
            }

            _trialOut = true;
            return true;
        }
    }

    public void RecordSuccess()
    {
        lock (_gate)
        {
            _failures = 0;
            _open = false;
            _trialOut = false;
        }
    }

    public void RecordFailure()
    {
        lock (_gate)
        {
            _failures++;
            if (_trialOut || (!_open && _failures >= threshold))
            {
                _open = true;
                _trialOut = false;
                _openUntil = clock.GetUtcNow() + openFor;
            }
        }
    }

    /// <summary>A trial that never reported back (its node lost the result) must not block the breaker forever.</summary>
    public void ReleaseTrial()
    {
        lock (_gate)
        {
            _trialOut = false;
        }
    }
}
