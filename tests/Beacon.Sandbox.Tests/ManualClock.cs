namespace Beacon.Sandbox.Tests;

/// <summary>
/// A clock that moves only when told, so "202 until the delay has passed" and per-second rate windows are tested
/// without sleeping. Timers (the latency knob) still run on real time, inherited from TimeProvider.
/// </summary>
internal sealed class ManualClock : TimeProvider
{
    private readonly Lock _gate = new();
    private DateTimeOffset _now = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _now;
        }
    }

    public void Advance(TimeSpan by)
    {
        lock (_gate)
        {
            _now += by;
        }
    }
}
