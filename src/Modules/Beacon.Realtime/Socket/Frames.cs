using System.Text.Json;
using Beacon.Realtime.Stream;
using Beacon.SharedKernel.Messaging;
using Beacon.SharedKernel.RateLimits;

namespace Beacon.Realtime.Socket;

/// <summary>The JSON frames of the live protocol (ADR 0005), as the UTF-8 the socket sends.</summary>
internal static class Frames
{
    private static readonly byte[] PingFrame = """{"type":"ping"}"""u8.ToArray();

    public static byte[] Ready(long cursor) => JsonSerializer.SerializeToUtf8Bytes(new { type = "ready", cursor }, MessageJson.Options);

    public static byte[] Reset(long cursor) => JsonSerializer.SerializeToUtf8Bytes(new { type = "reset", cursor }, MessageJson.Options);

    public static byte[] Ping() => PingFrame;

    public static byte[] Error(string message) => JsonSerializer.SerializeToUtf8Bytes(new { type = "error", message }, MessageJson.Options);

    /// <summary>A message refused by the rate-limit policy: dropped, with when to send again.</summary>
    public static byte[] RateLimited(RateLimitDecision decision) => JsonSerializer.SerializeToUtf8Bytes(new
    {
        type = "error",
        code = "rate_limited",
        message = $"The {decision.Tightest.Name} quota of {decision.Tightest.Quota} live messages per "
            + $"{RateLimitHeaders.Seconds(decision.Tightest.Window)} s is spent; this message was dropped.",
        retryAfterSeconds = RateLimitHeaders.Seconds(decision.ResetAfter),
    }, MessageJson.Options);

    /// <summary>Use <see cref="StreamRow.EventFrame"/>, which encodes this once per row.</summary>
    public static byte[] Event(StreamRow row) => JsonSerializer.SerializeToUtf8Bytes(new
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
