using System.Threading.Channels;

namespace Beacon.SharedKernel.Messaging;

/// <summary>
/// "There is new work". Wakes this process's workers at once and asks <see cref="JobNotifier"/> to tell the
/// other processes with one NOTIFY after the commit — never inside the writing transaction, where NOTIFY
/// would serialise every commit on the notification queue lock.
/// </summary>
public sealed class JobSignal
{
    private readonly Channel<bool> _notify = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public AsyncPulse Local { get; } = new();

    internal ChannelReader<bool> PendingNotifications => _notify.Reader;

    public void Raise()
    {
        Local.Pulse();
        _notify.Writer.TryWrite(true);
    }
}
