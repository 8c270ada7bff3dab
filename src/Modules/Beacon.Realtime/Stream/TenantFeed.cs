using System.Collections.Concurrent;

namespace Beacon.Realtime.Stream;

/// <summary>
/// One tenant's recent stream on this node: fetched once per announcement however many connections watch it, kept
/// in a bounded window, and read by each connection from where it is. A connection further behind than the window
/// reads the database itself (catch-up after a reconnect).
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001",
    Justification = "The semaphore never allocates a wait handle (only WaitAsync is used); feeds are dropped while others may still hold them.")]
internal sealed class TenantFeed(Guid tenantId, StreamStore store, long startCursor)
{
    private const int Window = 4096;
    private const int Page = 500;
    private readonly SemaphoreSlim _fetch = new(1, 1);
    private readonly object _gate = new();
    private List<StreamRow> _rows = [];
    private long _head = startCursor;

    public Guid TenantId { get; } = tenantId;

    private readonly ConcurrentDictionary<Doorbell, byte> _watchers = new();

    public int Watchers => _watchers.Count;

    public void Watch(Doorbell bell) => _watchers.TryAdd(bell, 0);

    /// <summary>Stops ringing <paramref name="bell"/>; true when nobody watches any more.</summary>
    public bool Unwatch(Doorbell bell) => _watchers.TryRemove(bell, out _) && _watchers.IsEmpty;

    public void Beat()
    {
        foreach (var watcher in _watchers)
        {
            watcher.Key.Beat();
        }
    }

    /// <summary>An announcement says the stream reached <paramref name="cursor"/>: fetch what is new, then wake watchers.</summary>
    public async Task AdvanceAsync(long cursor, CancellationToken ct)
    {
        if (cursor <= Volatile.Read(ref _head))
        {
            return;
        }

        await _fetch.WaitAsync(ct);
        try
        {
            while (cursor > _head)
            {
                var fresh = await store.ReadAfterAsync(TenantId, _head, Page, ct);
                if (fresh.Count == 0)
                {
                    break;
                }

                lock (_gate)
                {
                    var next = new List<StreamRow>(_rows.Count + fresh.Count);
                    next.AddRange(_rows.Count + fresh.Count > Window ? _rows.Skip(_rows.Count + fresh.Count - Window) : _rows);
                    next.AddRange(fresh);
                    _rows = next;
                    Volatile.Write(ref _head, fresh[^1].Cursor);
                }
            }
        }
        finally
        {
            _fetch.Release();
        }

        foreach (var watcher in _watchers)
        {
            watcher.Key.Ring();
        }
    }

    /// <summary>Where the stream is, as far as this node has read it (no database round trip).</summary>
    public long Head => Volatile.Read(ref _head);

    public Task<(long Current, long OldestKept)> PositionAsync(CancellationToken ct) => store.PositionAsync(TenantId, ct);

    /// <summary>Rows after <paramref name="after"/>, from the window when it covers them, else from the database.</summary>
    public async Task<IReadOnlyList<StreamRow>> ReadAfterAsync(long after, CancellationToken ct)
    {
        List<StreamRow> rows;
        lock (_gate)
        {
            rows = _rows;
        }

        if (rows.Count > 0 && after >= rows[0].Cursor - 1)
        {
            var start = (int)Math.Min(rows.Count, Math.Max(0, after - rows[0].Cursor + 1));
            return rows.GetRange(start, rows.Count - start);
        }

        var fromDb = await store.ReadAfterAsync(TenantId, after, Page, ct);
        if (fromDb.Count > 0 && fromDb[^1].Cursor > Volatile.Read(ref _head))
        {
            await AdvanceAsync(fromDb[^1].Cursor, ct);
        }

        return fromDb;
    }
}
