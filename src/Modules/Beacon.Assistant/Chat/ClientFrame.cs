using System.Text.Json;

namespace Beacon.Assistant.Chat;

/// <summary>A frame the browser sent, checked: a question, a cancel, a token refresh, or what was wrong with it.</summary>
internal abstract record ClientFrame
{
    private const int MaxClientIdLength = 64;

    public static ClientFrame Parse(string json, int maxTextLength)
    {
        JsonElement root;
        try
        {
            using var doc = JsonDocument.Parse(json);
            root = doc.RootElement.Clone();
        }
        catch (JsonException)
        {
            return new Invalid("invalid_json", "Frames are JSON objects, e.g. {\"type\":\"message\",\"text\":\"…\",\"clientId\":\"…\"}.", null);
        }

        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String)
        {
            return new Invalid("invalid_frame", "A frame is a JSON object with a string \"type\".", "type");
        }

        return type.GetString() switch
        {
            "message" => ParseQuestion(root, maxTextLength),
            "cancel" => new Cancel(),
            "confirm" or "dismiss" when StringOf(root, "actionId") is { Length: > 0 and <= 64 } actionId =>
                new Decision(actionId, type.GetString() == "confirm"),
            "confirm" or "dismiss" => new Invalid("invalid_field", "\"actionId\" is required: the id of a proposal's confirm frame.", "actionId"),
            "auth" when StringOf(root, "token") is { Length: > 0 } token => new Auth(token),
            "auth" => new Invalid("invalid_field", "\"token\" is required.", "token"),
            var other => new Invalid("unknown_type", $"Unknown frame type \"{other}\"; use message, cancel, confirm, dismiss or auth.", "type"),
        };
    }

    private static ClientFrame ParseQuestion(JsonElement root, int maxTextLength)
    {
        var clientId = StringOf(root, "clientId");
        if (clientId is null || clientId.Length is 0 or > MaxClientIdLength)
        {
            return new Invalid("invalid_field", $"\"clientId\" is required: a string of 1 to {MaxClientIdLength} characters the client chooses.", "clientId");
        }

        Guid? threadId = null;
        if (root.TryGetProperty("threadId", out var t) && t.ValueKind != JsonValueKind.Null)
        {
            if (t.ValueKind != JsonValueKind.String || !Guid.TryParse(t.GetString(), out var parsed))
            {
                return new Invalid("invalid_field", "\"threadId\" is a thread's id, or absent to start a new thread.", "threadId", clientId);
            }

            threadId = parsed;
        }

        var text = StringOf(root, "text")?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return new Invalid("empty_text", "\"text\" is required and may not be empty.", "text", clientId);
        }

        if (text.Length > maxTextLength)
        {
            return new Invalid("text_too_long", $"\"text\" is {text.Length} characters; at most {maxTextLength} are allowed.", "text", clientId);
        }

        if (text.Contains('\0', StringComparison.Ordinal))
        {
            return new Invalid("invalid_field", "\"text\" may not contain U+0000.", "text", clientId);
        }

        return new Question(threadId, text, clientId);
    }

    private static string? StringOf(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    internal sealed record Question(Guid? ThreadId, string Text, string ClientId) : ClientFrame;

    internal sealed record Cancel : ClientFrame;

    /// <summary>The person's answer to a proposal: confirm it (act) or dismiss it.</summary>
    internal sealed record Decision(string ActionId, bool Confirm) : ClientFrame;

    internal sealed record Auth(string Token) : ClientFrame;

    internal sealed record Invalid(string Code, string Message, string? Field, string? ClientId = null) : ClientFrame;
}
