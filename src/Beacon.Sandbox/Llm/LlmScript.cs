using System.Text.Json.Nodes;

namespace Beacon.Sandbox.Llm;

/// <summary>The model's turn: either tool calls (name, JSON arguments) or text.</summary>
internal sealed record LlmTurn(IReadOnlyList<(string Name, string Arguments)> ToolCalls, string Text);

/// <summary>
/// A deterministic stand-in for a model: it calls the tool a keyword points to with the person's question, then
/// answers with what the tools returned. It is deliberately gullible — text saying "ignore previous instructions"
/// anywhere in the conversation makes it ask for every lead — so tests can show Beacon's tools still return only
/// what the person may see.
/// </summary>
internal static class LlmScript
{
    private static readonly (string Keyword, string Tool)[] Routes =
    [
        ("draft", "message_drafter"), ("write", "message_drafter"),
        ("why", "score_explainer"), ("explain", "score_explainer"), ("score", "score_explainer"),
        ("how many", "pipeline_analyst"), ("pipeline", "pipeline_analyst"), ("stage", "pipeline_analyst"),
        ("how do i", "product_help"), ("how to", "product_help"),
        ("lead", "lead_finder"),
    ];

    public static LlmTurn Next(JsonArray messages, IReadOnlyCollection<string> tools)
    {
        var last = messages[^1]!;
        if (Role(last) == "tool")
        {
            var results = messages.Reverse().TakeWhile(m => Role(m!) == "tool").Reverse().Select(m => Content(m!));
            return new LlmTurn([], "Here is what I found. " + string.Join("\n", results));
        }

        var question = Content(messages.Last(m => Role(m!) == "user")!);
        if (messages.Any(m => Content(m!).Contains("ignore previous instructions", StringComparison.OrdinalIgnoreCase))
            && tools.Contains("lead_finder"))
        {
            return Call("lead_finder", "all leads");
        }

        foreach (var (keyword, tool) in Routes)
        {
            if (question.Contains(keyword, StringComparison.OrdinalIgnoreCase) && tools.Contains(tool))
            {
                return Call(tool, question);
            }
        }

        return new LlmTurn([], $"I am the sandbox model. You asked: {question}");
    }

    private static LlmTurn Call(string tool, string question) =>
        new([(tool, new JsonObject { ["question"] = question }.ToJsonString())], "");

    private static string Role(JsonNode message) => message["role"]?.GetValue<string>() ?? "";

    // Content is a string, or (newer clients) an array of parts with "text".
    private static string Content(JsonNode message) => message["content"] switch
    {
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        JsonArray parts => string.Concat(parts.Select(p => p?["text"]?.GetValue<string>() ?? "")),
        _ => "",
    };
}
