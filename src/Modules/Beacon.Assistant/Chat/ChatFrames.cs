using System.Text.Json;
using Beacon.SharedKernel.Messaging;
using Beacon.SharedKernel.RateLimits;

namespace Beacon.Assistant.Chat;

/// <summary>The server's frames on the assistant socket (docs/assistant.md), as UTF-8 JSON.</summary>
internal static class ChatFrames
{
    public static byte[] Ready(Guid userId) => Encode(new { type = "ready", userId });

    /// <summary>The person's message is stored: from here on it is in the thread whatever happens to the socket.</summary>
    public static byte[] Accepted(string clientId, Guid threadId, Guid messageId, bool duplicate) =>
        Encode(new { type = "accepted", clientId, threadId, messageId, duplicate });

    public static byte[] Token(Guid threadId, Guid messageId, string agentName, string text) =>
        Encode(new Dictionary<string, object> { ["type"] = "token", ["threadId"] = threadId, ["messageId"] = messageId, ["agent_name"] = agentName, ["text"] = text });

    public static byte[] Done(Guid threadId, Guid messageId, string agentName, bool cancelled) =>
        Encode(new Dictionary<string, object> { ["type"] = "done", ["threadId"] = threadId, ["messageId"] = messageId, ["agent_name"] = agentName, ["cancelled"] = cancelled });

    /// <summary>The message the drafter wrote in the answer <paramref name="messageId"/>, sent before its <c>done</c>.</summary>
    public static byte[] Draft(Guid threadId, Guid messageId, Engine.Drafts.MessageDraft draft) =>
        Encode(new { type = "draft", threadId, messageId, draft });

    /// <summary>A proposal on the answer <paramref name="messageId"/>: the person confirms or dismisses <paramref name="actionId"/>.</summary>
    public static byte[] Confirm(Guid threadId, Guid messageId, string actionId, string summary) =>
        Encode(new { type = "confirm", threadId, messageId, actionId, summary });

    /// <summary>What came of a decision: <c>done</c>, <c>refused</c> (with why) or <c>dismissed</c>.</summary>
    public static byte[] ActionResult(string actionId, string outcome, string message) =>
        Encode(new { type = "action_result", actionId, outcome, message });

    /// <summary>A refused or failed frame: <paramref name="code"/> for programs, <paramref name="message"/> for people,
    /// <paramref name="field"/> naming the offending field when there is one. The connection stays open.</summary>
    public static byte[] Error(string code, string message, string? field = null, string? clientId = null) =>
        Encode(new { type = "error", code, message, field, clientId });

    public static byte[] RateLimited(RateLimitDecision decision, string? clientId) => Encode(new
    {
        type = "error",
        code = "rate_limited",
        message = $"The {decision.Tightest.Name} quota of {decision.Tightest.Quota} assistant messages per "
            + $"{RateLimitHeaders.Seconds(decision.Tightest.Window)} s is spent; this message was not stored. Send it again later.",
        clientId,
        retryAfterSeconds = RateLimitHeaders.Seconds(decision.ResetAfter),
    });

    private static byte[] Encode(object frame) => JsonSerializer.SerializeToUtf8Bytes(frame, MessageJson.Options);
}

/// <summary>Close codes of the assistant socket that clients act on (the same as the live stream's).</summary>
internal static class ChatCloseCodes
{
    public const int Unauthorized = 4401;
}
