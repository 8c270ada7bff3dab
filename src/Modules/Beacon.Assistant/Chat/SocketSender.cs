using System.Net.WebSockets;

namespace Beacon.Assistant.Chat;

/// <summary>Serialises sends: the receive loop (errors, acks) and the answer loop (tokens) share one socket.</summary>
internal sealed class SocketSender(WebSocket socket) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Sends, unless the session is over (<paramref name="ct"/> cancelled) or the peer is gone: then drops the frame.</summary>
    public async Task SendAsync(byte[] frame, CancellationToken ct)
    {
        try
        {
            await _gate.WaitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        try
        {
            if (socket.State == WebSocketState.Open)
            {
                await socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, ct);
            }
        }
        catch (Exception e) when (e is WebSocketException or IOException or OperationCanceledException)
        {
            // The peer went away or the session ended; the receive loop notices and ends it.
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task CloseAsync(int code, string reason)
    {
        await _gate.WaitAsync(CancellationToken.None);
        try
        {
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await socket.CloseOutputAsync((WebSocketCloseStatus)code, reason, timeout.Token);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
        {
            // Already gone: nothing left to tell it.
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
