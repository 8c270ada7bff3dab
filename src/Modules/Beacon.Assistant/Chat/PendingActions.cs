using System.Collections.Concurrent;
using Beacon.Assistant.Engine;

namespace Beacon.Assistant.Chat;

/// <summary>A proposal waiting on this socket for the person's yes or no, with the thread it belongs to.</summary>
internal sealed record PendingAction(Guid ThreadId, ProposedAction Action);

/// <summary>
/// The proposals of one socket, by the id sent in their <c>confirm</c> frame. They live as long as the socket: a
/// proposal is a question to the person in front of it, not an order to keep; each is taken once.
/// </summary>
internal sealed class PendingActions
{
    private const int MaxPending = 20;
    private readonly ConcurrentDictionary<string, PendingAction> _pending = new(StringComparer.Ordinal);

    public string Add(Guid threadId, ProposedAction action)
    {
        if (_pending.Count >= MaxPending)
        {
            _pending.Clear(); // a person ignoring twenty proposals is not coming back to the first
        }

        var id = Guid.NewGuid().ToString("N");
        _pending[id] = new PendingAction(threadId, action);
        return id;
    }

    public PendingAction? Take(string actionId) => _pending.TryRemove(actionId, out var pending) ? pending : null;
}
