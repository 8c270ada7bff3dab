using System.Threading.Channels;

namespace Beacon.SharedKernel.Messaging;

/// <summary>
/// "There is new work". Wakes this process's workers at once and asks <see cref="JobNotifier"/> to tell the
/// other processes with one NOTIFY after the commit — never inside the writing transaction, where NOTIFY
/// would serialise every commit on the notification queue lock. Each lane has its own pulse, so a commit that
/// queued only interactive jobs does not wake the bulk lane's loops to claim nothing (and the other way round).
/// </summary>
public sealed class JobSignal
{
    private readonly Channel<bool> _notify = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    private int _pendingLanes;

    /// <summary>Any new event or job (the live stream's sequencer waits on this).</summary>
    public AsyncPulse Local { get; } = new();

    /// <summary>This process, as it signs its NOTIFY payloads: its own notifications come back to it and are skipped.</summary>
    internal string ProcessId { get; } = Guid.NewGuid().ToString("N");

    internal ChannelReader<bool> PendingNotifications => _notify.Reader;

    private AsyncPulse Interactive { get; } = new();

    private AsyncPulse Bulk { get; } = new();

    /// <summary>New jobs in <paramref name="lane"/>, from this process or another.</summary>
    public AsyncPulse Work(JobLane lane) => lane == JobLane.Bulk ? Bulk : Interactive;

    /// <summary>New events or jobs committed: the lanes that got jobs wake here, and in the other processes by NOTIFY.</summary>
    public void Raise(bool interactive, bool bulk)
    {
        PulseLocal(interactive, bulk);
        Interlocked.Or(ref _pendingLanes, (interactive ? 1 : 0) | (bulk ? 2 : 0));
        _notify.Writer.TryWrite(true);
    }

    /// <summary>The lanes raised since the last call, as the NOTIFY payload carries them ("ib", "i", "b" or "").</summary>
    internal string TakePendingLanes()
    {
        var lanes = Interlocked.Exchange(ref _pendingLanes, 0);
        return ((lanes & 1) != 0 ? "i" : "") + ((lanes & 2) != 0 ? "b" : "");
    }

    /// <summary>
    /// A NOTIFY payload, "process:lanes": another process's wakes the lanes it names (none: the live stream alone);
    /// this process's own is skipped, its raise already woke its loops. A payload without a process wakes every lane.
    /// </summary>
    internal void Receive(string payload)
    {
        var parts = payload.Split(':', 2);
        if (parts.Length == 2 && parts[0] == ProcessId)
        {
            return;
        }

        var lanes = parts.Length == 2 ? parts[1] : "ib";
        PulseLocal(interactive: lanes.Contains('i', StringComparison.Ordinal), bulk: lanes.Contains('b', StringComparison.Ordinal));
    }

    internal void PulseLocal(bool interactive, bool bulk)
    {
        Local.Pulse();
        if (interactive)
        {
            Interactive.Pulse();
        }

        if (bulk)
        {
            Bulk.Pulse();
        }
    }
}
