using System.Net.WebSockets;
using System.Text.Json;
using Beacon.TestKit;

namespace Beacon.IntegrationTests.Realtime;

/// <summary>A test's end of the live socket: send JSON, read frames with a deadline, see how it closed.</summary>
internal sealed class LiveClient(WebSocket socket) : IAsyncDisposable
{
    public WebSocket Socket { get; } = socket;

    public Task SendAsync(object message) =>
        Socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(message), WebSocketMessageType.Text, true, CancellationToken.None);

    public Task AuthAsync(string token) => SendAsync(new { type = "auth", token });

    /// <summary>The next frame, or null when the server closed the socket.</summary>
    public Task<JsonElement?> NextAsync(TimeSpan? timeout = null) => Socket.ReceiveJsonAsync(timeout ?? TimeSpan.FromSeconds(10));

    /// <summary>Frames of one type (skipping pings) until <paramref name="count"/> arrived or the time is up.</summary>
    public async Task<List<JsonElement>> EventsAsync(int count, TimeSpan timeout, Func<JsonElement, bool>? where = null)
    {
        var events = new List<JsonElement>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (events.Count < count && clock.Elapsed < timeout)
        {
            JsonElement? frame;
            try
            {
                frame = await NextAsync(timeout - clock.Elapsed);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            if (frame is null)
            {
                break;
            }

            if (frame.Value.GetProperty("type").GetString() == "event" && (where?.Invoke(frame.Value) ?? true))
            {
                events.Add(frame.Value);
            }
        }

        return events;
    }

    public async ValueTask DisposeAsync()
    {
        if (Socket.State == WebSocketState.Open)
        {
            try
            {
                await Socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
            }
            catch (WebSocketException)
            {
                // Already gone.
            }
        }

        Socket.Dispose();
    }
}
