using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using System.Text.Json;

namespace Beacon.Bench.Live;

/// <summary>One benchmark socket: authenticates, then notes when each lead's <c>lead.created</c> frame arrived.</summary>
internal sealed class Watcher : IDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly ConcurrentDictionary<Guid, TaskCompletionSource<long>> _arrivals = new();

    public bool Failed { get; private set; }

    /// <summary>Why it ended early: the server's close code and reason, or the exception.</summary>
    public string? Ending { get; private set; }

    public static async Task<Watcher> ConnectAsync(Uri server, string token, CancellationToken ct)
    {
        var watcher = new Watcher();
        var ws = new UriBuilder(server) { Scheme = "ws", Path = "/api/v1/live" }.Uri;
        await watcher._socket.ConnectAsync(ws, ct);
        await watcher._socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(new { type = "auth", token }), WebSocketMessageType.Text, true, ct);
        _ = watcher.ReceiveAsync();
        return watcher;
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

                // The client shares the server's 2 cores: find the lead id without parsing the whole frame.
                if (LeadCreated(buffer.AsSpan(0, result.Count)) is { } lead)
                {
                    _arrivals.GetOrAdd(lead, _ => new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(now);
                }
            }
        }
        catch (WebSocketException e)
        {
            Failed = true;
            Ending = e.WebSocketErrorCode.ToString();
        }
    }

    private static Guid? LeadCreated(ReadOnlySpan<byte> frame)
    {
        if (frame.IndexOf("\"lead.created\""u8) < 0)
        {
            return null;
        }

        var at = frame.IndexOf("\"leadId\":\""u8);
        return at >= 0 && Utf8Parser.TryParse(frame[(at + 10)..], out Guid lead, out _) ? lead : null;
    }

    public void Dispose() => _socket.Dispose();
}
