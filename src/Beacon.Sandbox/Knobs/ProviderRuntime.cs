namespace Beacon.Sandbox.Knobs;

/// <summary>The live knobs of one provider plus the little state they need (error sequence, burst, rate window).</summary>
internal sealed class ProviderRuntime
{
    private readonly Lock _gate = new();
    private readonly ProviderKnobs _startup;
    private ProviderKnobs _knobs;
    private LatencyRange _latency;
    private Random _errors = Random.Shared;
    private int _throttleLeft;
    private long _windowSecond;
    private int _windowCount;

    public ProviderRuntime(string name, ProviderKnobs startup)
    {
        Name = name;
        _startup = startup;
        _knobs = startup;
        Apply(startup);
    }

    public string Name { get; }

    public ProviderKnobs Knobs
    {
        get
        {
            lock (_gate)
            {
                return _knobs;
            }
        }
    }

    public void Apply(ProviderKnobs knobs)
    {
        knobs.Validate(Name);
        lock (_gate)
        {
            _knobs = knobs;
            _latency = LatencyRange.Parse(knobs.LatencyMs);
            // A fresh seeded sequence on every change, so "seed 7, rate 0.3" always fails the same call numbers.
#pragma warning disable CA5394 // Fault injection, not security: predictability is the point.
            _errors = knobs.ErrorSeed is int seed ? new Random(seed) : Random.Shared;
            _throttleLeft = knobs.Throttle429Next;
            _windowCount = 0;
        }
    }

    public void Reset() => Apply(_startup);

    public int NextLatencyMs()
    {
        lock (_gate)
        {
            return _latency.MaxMs == _latency.MinMs ? _latency.MinMs : Random.Shared.Next(_latency.MinMs, _latency.MaxMs + 1);
        }
    }

    public bool NextIsError()
    {
        lock (_gate)
        {
            return _knobs.ErrorRate > 0 && _errors.NextDouble() < _knobs.ErrorRate;
        }
    }
#pragma warning restore CA5394

    /// <summary>Seconds the caller must wait when this call is throttled; null when it is admitted.</summary>
    public int? Throttle(DateTimeOffset now)
    {
        lock (_gate)
        {
            if (_throttleLeft > 0)
            {
                _throttleLeft--;
                return _knobs.RetryAfterSeconds;
            }

            if (_knobs.RateLimitPerSecond <= 0)
            {
                return null;
            }

            var second = now.ToUnixTimeSeconds();
            if (second != _windowSecond)
            {
                _windowSecond = second;
                _windowCount = 0;
            }

            if (_windowCount >= _knobs.RateLimitPerSecond)
            {
                return Math.Max(1, _knobs.RetryAfterSeconds);
            }

            _windowCount++;
            return null;
        }
    }
}
