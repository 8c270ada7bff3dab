using System.Diagnostics;
using System.Net.WebSockets;
using System.Text.Json;

namespace Beacon.Bench.Assistant;

/// <summary>One chat's two figures: from sending the question to the first token frame, and to the done frame.</summary>
internal sealed record ChatTiming(double FirstTokenMs, double FullAnswerMs);

/// <summary>
/// A benchmark's end of the assistant socket (docs/assistant.md): authenticate, then ask and time each answer, keeping
/// one thread per socket as a person's conversation does.
/// </summary>
internal sealed class ChatProbe : IDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly byte[] _buffer = new byte[64 * 1024];
    private Guid? _threadId;

    public static async Task<ChatProbe> ConnectAsync(Uri server, string token, CancellationToken ct)
    {
        var probe = new ChatProbe();
        await probe._socket.ConnectAsync(new UriBuilder(server) { Scheme = "ws", Path = "/api/v1/assistant/ws" }.Uri, ct);
        await probe.SendAsync(new { type = "auth", token }, ct);
        await probe.ExpectAsync("ready", ct);
        return probe;
    }

    public async Task<ChatTiming> AskAsync(string text, CancellationToken ct)
    {
        var sent = Stopwatch.GetTimestamp();
        await SendAsync(new { type = "message", threadId = _threadId, text, clientId = Guid.NewGuid().ToString("N") }, ct);
        long firstToken = 0;
        while (true)
        {
            using var frame = await NextAsync(ct);
            var type = frame.RootElement.GetProperty("type").GetString();
            switch (type)
            {
                case "accepted":
                    _threadId = frame.RootElement.GetProperty("threadId").GetGuid();
                    continue;
                case "token":
                    firstToken = firstToken == 0 ? Stopwatch.GetTimestamp() : firstToken;
                    continue;
                case "done" when firstToken != 0:
                    var done = Stopwatch.GetTimestamp();
                    return new ChatTiming(Ms(sent, firstToken), Ms(sent, done));
                default:
                    throw new InvalidOperationException($"Unexpected frame: {frame.RootElement.GetRawText()}");
            }
        }
    }

    public void Dispose() => _socket.Dispose();

    private static double Ms(long from, long to) => (to - from) * 1000.0 / Stopwatch.Frequency;

    private Task SendAsync(object frame, CancellationToken ct) =>
        _socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(frame), WebSocketMessageType.Text, true, ct);

    private async Task ExpectAsync(string type, CancellationToken ct)
    {
        using var frame = await NextAsync(ct);
        if (frame.RootElement.GetProperty("type").GetString() != type)
        {
            throw new InvalidOperationException($"Expected {type}, got {frame.RootElement.GetRawText()}");
        }
    }

    private async Task<JsonDocument> NextAsync(CancellationToken ct)
    {
        var length = 0;
        while (true)
        {
            var result = await _socket.ReceiveAsync(_buffer.AsMemory(length), ct);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                throw new InvalidOperationException($"The socket closed: {_socket.CloseStatus} {_socket.CloseStatusDescription}");
            }

            length += result.Count;
            if (result.EndOfMessage)
            {
                return JsonDocument.Parse(_buffer.AsMemory(0, length));
            }
        }
    }
}
