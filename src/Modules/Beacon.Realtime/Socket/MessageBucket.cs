namespace Beacon.Realtime.Socket;

/// <summary>
/// A connection's message allowance: a token bucket refilled from the clock when a message arrives, so an idle socket
/// costs no timer. Only the session's receive loop uses it.
/// </summary>
internal sealed class MessageBucket(int perSecond, int burst, TimeProvider clock)
{
    private double _tokens = burst;
    private long _last = clock.GetTimestamp();

    public bool TryTake()
    {
        var now = clock.GetTimestamp();
        _tokens = Math.Min(burst, _tokens + (clock.GetElapsedTime(_last, now).TotalSeconds * perSecond));
        _last = now;
        if (_tokens < 1)
        {
            return false;
        }

        _tokens -= 1;
        return true;
    }
}
