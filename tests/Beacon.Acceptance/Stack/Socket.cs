using System.Net.WebSockets;
using System.Text.Json;
using Beacon.TestKit;

namespace Beacon.Acceptance.Stack;

/// <summary>A client's end of one of Beacon's sockets over real TCP: send JSON frames, read them with a deadline, see how it closed.</summary>
internal sealed class Socket(ClientWebSocket socket) : IAsyncDisposable
{
    public WebSocketCloseStatus? CloseStatus => socket.CloseStatus;

    public static async Task<Socket> ConnectAsync(Uri baseAddress, string path)
    {
        var socket = new ClientWebSocket();
        var url = new UriBuilder(new Uri(baseAddress, path)) { Scheme = baseAddress.Scheme == "https" ? "wss" : "ws" }.Uri;
        await socket.ConnectAsync(url, CancellationToken.None);
        return new Socket(socket);
    }

    public Task SendAsync(object frame) =>
        socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(frame), WebSocketMessageType.Text, true, CancellationToken.None);

    /// <summary>The next frame, or null when the server closed the socket.</summary>
    public Task<JsonElement?> NextAsync(TimeSpan? timeout = null) => socket.ReceiveJsonAsync(timeout ?? TimeSpan.FromSeconds(15));

    /// <summary>The next frame of one of <paramref name="types"/>, skipping others; fails on a close or after 15 s.</summary>
    public async Task<JsonElement> NextOfAnyAsync(params string[] types)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var limit = TimeSpan.FromSeconds(15);
        while (true)
        {
            var frame = await NextAsync(limit - clock.Elapsed)
                ?? throw new InvalidOperationException($"The socket closed ({CloseStatus}) before a '{string.Join("' or '", types)}' frame.");
            if (types.Contains(frame.GetProperty("type").GetString()))
            {
                return frame;
            }
        }
    }

    /// <summary>The next frame of <paramref name="type"/>, skipping others (pings, progress); fails on a close.</summary>
    public async Task<JsonElement> NextOfAsync(string type, Func<JsonElement, bool>? where = null, TimeSpan? timeout = null)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var limit = timeout ?? TimeSpan.FromSeconds(15);
        while (true)
        {
            var frame = await NextAsync(limit - clock.Elapsed)
                ?? throw new InvalidOperationException($"The socket closed ({CloseStatus}) before a '{type}' frame.");
            if (frame.GetProperty("type").GetString() == type && (where?.Invoke(frame) ?? true))
            {
                return frame;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (socket.State == WebSocketState.Open)
        {
            try
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", cts.Token);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException)
            {
                // The server went first; nothing to close.
            }
        }

        socket.Dispose();
    }
}
