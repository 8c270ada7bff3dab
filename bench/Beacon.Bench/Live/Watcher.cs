using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text.Json;

namespace Beacon.Bench.Live;

/// <summary>
/// One benchmark socket: authenticates, counts the event frames it receives and (when tracking arrivals) notes when
/// each lead's tracked frame (<c>lead.created</c> unless said otherwise) arrived.
/// </summary>
internal sealed class Watcher : IDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly ConcurrentDictionary<Guid, TaskCompletionSource<long>> _arrivals = new();
    private bool _trackArrivals = true;
    private byte[] _eventType = [];
    private long _events;
    private long _tracked;

    /// <summary>Event frames received (any type).</summary>
    public long Events => Interlocked.Read(ref _events);

    /// <summary>Frames of the tracked event type received (<c>lead.created</c> unless said otherwise).</summary>
    public long Tracked => Interlocked.Read(ref _tracked);

    public bool Failed { get; private set; }

    /// <summary>Why it ended early: the server's close code and reason, or the exception.</summary>
    public string? Ending { get; private set; }

    /// <param name="trackArrivals">False for long runs with many sockets: count frames only, keep no per-lead state.</param>
    /// <param name="eventType">The lead event whose arrivals are noted and counted (<c>lead.created</c>, <c>lead.scored</c> …).</param>
    public static async Task<Watcher> ConnectAsync(Uri server, string token, CancellationToken ct, bool trackArrivals = true,
        string eventType = "lead.created")
    {
        var watcher = new Watcher { _trackArrivals = trackArrivals, _eventType = System.Text.Encoding.UTF8.GetBytes($"\"{eventType}\"") };
        var ws = new UriBuilder(server) { Scheme = "ws", Path = "/api/v1/live" }.Uri;
        await watcher._socket.ConnectAsync(ws, ct);
        await watcher._socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(new { type = "auth", token }), WebSocketMessageType.Text, true, ct);
        _ = watcher.ReceiveAsync();
        return watcher;
    }

    /// <summary>Connects <paramref name="count"/> sockets, 250 at a time; socket i signs in with <paramref name="token"/>(i).</summary>
    public static async Task<List<Watcher>> ConnectManyAsync(Uri server, int count, Func<int, string> token, bool trackArrivals,
        CancellationToken ct)
    {
        var sockets = new List<Watcher>(count);
        var clock = Stopwatch.StartNew();
        for (var start = 0; start < count; start += 250)
        {
            sockets.AddRange(await Task.WhenAll(Enumerable.Range(start, Math.Min(250, count - start))
                .Select(i => ConnectAsync(server, token(i), ct, trackArrivals))));
        }

        Console.WriteLine($"connected {sockets.Count} sockets in {clock.Elapsed.TotalSeconds.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture)} s");
        return sockets;
    }

    /// <summary>The Stopwatch timestamp of the lead's frame, or 0 when it did not come in time.</summary>
    public async Task<long> WaitForAsync(Guid lead, TimeSpan timeout)
    {
        var arrival = _arrivals.GetOrAdd(lead, _ => new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously));
        var done = await Task.WhenAny(arrival.Task, Task.Delay(timeout));
        return done == arrival.Task ? await arrival.Task : 0;
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[8192];
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                var result = await _socket.ReceiveAsync(buffer, CancellationToken.None);
                var now = Stopwatch.GetTimestamp();
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    Failed = true;
                    Ending = $"{(int?)_socket.CloseStatus} {_socket.CloseStatusDescription}";
                    return;
                }

                if (!result.EndOfMessage)
                {
                    continue;
                }

                Note(buffer.AsSpan(0, result.Count), now);
            }
        }
        catch (WebSocketException e)
        {
            Failed = true;
            Ending = e.WebSocketErrorCode.ToString();
        }
    }

    // The client shares the server's 2 cores: find what matters without decoding or parsing the whole frame.
    private void Note(ReadOnlySpan<byte> frame, long now)
    {
        if (frame.StartsWith("{\"type\":\"event\""u8))
        {
            Interlocked.Increment(ref _events);
        }

        if (frame.IndexOf(_eventType) < 0)
        {
            return;
        }

        Interlocked.Increment(ref _tracked);
        var at = frame.IndexOf("\"leadId\":\""u8);
        if (_trackArrivals && at >= 0 && Utf8Parser.TryParse(frame[(at + 10)..], out Guid lead, out _))
        {
            _arrivals.GetOrAdd(lead, _ => new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(now);
        }
    }

    public void Dispose() => _socket.Dispose();
}
