namespace Beacon.SharedKernel.Messaging;

/// <summary>
/// Wakes every waiter at once. Take <see cref="Next"/> before looking for work, then await it: a pulse that
/// arrives in between is not missed.
/// </summary>
public sealed class AsyncPulse
{
    private TaskCompletionSource _current = NewSource();

    public Task Next => Volatile.Read(ref _current).Task;

    public void Pulse() => Interlocked.Exchange(ref _current, NewSource()).TrySetResult();

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
