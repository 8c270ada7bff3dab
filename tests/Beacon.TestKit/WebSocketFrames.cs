using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Beacon.TestKit;

/// <summary>Reading Beacon's JSON frames off a WebSocket, in-process or over TCP alike.</summary>
public static class WebSocketFrames
{
    /// <summary>The next whole frame as JSON, or null when the server closed the socket; throws when the time is up.</summary>
    public static async Task<JsonElement?> ReceiveJsonAsync(this WebSocket socket, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, cts.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return JsonDocument.Parse(Encoding.UTF8.GetString(message.ToArray())).RootElement.Clone();
            }
        }
    }
}
