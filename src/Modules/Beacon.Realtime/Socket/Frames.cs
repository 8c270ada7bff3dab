using System.Text.Json;
using Beacon.Realtime.Stream;
using Beacon.SharedKernel.Messaging;

namespace Beacon.Realtime.Socket;

/// <summary>The JSON frames of the live protocol (ADR 0005).</summary>
internal static class Frames
{
    public static string Ready(long cursor) => JsonSerializer.Serialize(new { type = "ready", cursor }, MessageJson.Options);

    public static string Reset(long cursor) => JsonSerializer.Serialize(new { type = "reset", cursor }, MessageJson.Options);

    public static string Ping() => """{"type":"ping"}""";

    public static string Error(string message) => JsonSerializer.Serialize(new { type = "error", message }, MessageJson.Options);

    public static string Event(StreamRow row) => JsonSerializer.Serialize(new
    {
        type = "event",
        cursor = row.Cursor,
        eventType = row.Type,
        occurredAt = row.OccurredAt,
        data = row.Data,
    }, MessageJson.Options);
}

/// <summary>Close codes clients act on.</summary>
internal static class CloseCodes
{
    public const int Unauthorized = 4401;
    public const int Forbidden = 4403;
    public const int SlowConsumer = 4408;
}
