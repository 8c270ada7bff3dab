using Beacon.Realtime.Stream;

namespace Beacon.Realtime.Socket;

/// <summary>
/// One timer per access token, not per wait: rings the session's bell just after the token expires, so the session
/// closes on time even when nothing else wakes it. A refreshed token (a new expiry) replaces the timer.
/// </summary>
internal sealed class ExpiryTimer(Doorbell bell, TimeProvider clock) : IDisposable
{
    private static readonly TimeSpan Grace = TimeSpan.FromMilliseconds(50);
    private DateTimeOffset? _for;
    private ITimer? _timer;

    public void Watch(DateTimeOffset? expiresAt)
    {
        if (expiresAt == _for)
        {
            return;
        }

        _for = expiresAt;
        _timer?.Dispose();
        _timer = expiresAt is { } at
            ? clock.CreateTimer(_ => bell.Ring(), null, TimeSpan.FromTicks(Math.Max(0, (at - clock.GetUtcNow()).Ticks)) + Grace, Timeout.InfiniteTimeSpan)
            : null;
    }

    public void Dispose() => _timer?.Dispose();
}
