using System.Buffers;
using System.Net.WebSockets;
using System.Text;

namespace Beacon.Assistant.Chat;

internal enum FrameKind
{
    Text,
    Closed,
    Binary,
    TooLarge,
    TooLargeToDrain,
    NotUtf8,
}

internal readonly record struct IncomingFrame(FrameKind Kind, string Text = "", long Bytes = 0);

/// <summary>Reads one whole WebSocket message within a size limit, telling apart text, binary and oversized frames.</summary>
internal static class SocketReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static async Task<IncomingFrame> ReadAsync(WebSocket socket, int limit, int drainLimit, CancellationToken ct)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(limit + 1);
        try
        {
            long length = 0;
            while (true)
            {
                var room = length <= limit ? buffer.AsMemory((int)length, limit + 1 - (int)length) : buffer.AsMemory(0, buffer.Length);
                var result = await socket.ReceiveAsync(room, ct);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return new IncomingFrame(FrameKind.Closed);
                }

                length += result.Count;
                if (length > drainLimit)
                {
                    return new IncomingFrame(FrameKind.TooLargeToDrain, Bytes: length);
                }

                if (!result.EndOfMessage)
                {
                    continue;
                }

                if (result.MessageType == WebSocketMessageType.Binary)
                {
                    return new IncomingFrame(FrameKind.Binary, Bytes: length);
                }

                if (length > limit)
                {
                    return new IncomingFrame(FrameKind.TooLarge, Bytes: length);
                }

                try
                {
                    return new IncomingFrame(FrameKind.Text, StrictUtf8.GetString(buffer, 0, (int)length), length);
                }
                catch (DecoderFallbackException)
                {
                    return new IncomingFrame(FrameKind.NotUtf8, Bytes: length);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
