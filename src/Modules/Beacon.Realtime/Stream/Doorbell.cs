using System.Threading.Channels;

namespace Beacon.Realtime.Stream;

/// <summary>
/// One watcher's wake-up, rung by its feed when rows arrive, by the node's heartbeat and by its own timers. Each
/// watcher waits on a bell of its own: a task shared by 10,000 waiters would cost O(n) for every waiter that leaves
/// it (continuation removal), O(n²) per event. Rings while nobody waits are kept (at most one), so a ring between
/// looking for work and waiting is never missed.
/// </summary>
internal sealed class Doorbell
{
    private readonly Channel<bool> _rings = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { SingleReader = true, FullMode = BoundedChannelFullMode.DropWrite });
    private int _beat;

    public void Ring() => _rings.Writer.TryWrite(true);

    /// <summary>A heartbeat: the next wait reports it, so an idle watcher can say it is alive.</summary>
    public void Beat()
    {
        Volatile.Write(ref _beat, 1);
        Ring();
    }

    /// <summary>Waits for a ring; true when a heartbeat was among the rings since the last wait.</summary>
    public async ValueTask<bool> WaitAsync(CancellationToken ct)
    {
        await _rings.Reader.ReadAsync(ct);
        return Interlocked.Exchange(ref _beat, 0) == 1;
    }
}
