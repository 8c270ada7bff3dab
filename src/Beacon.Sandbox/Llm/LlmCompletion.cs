using System.Text.Json.Nodes;

namespace Beacon.Sandbox.Llm;

/// <summary>The JSON of one completion's chunks (or of the whole completion), in OpenAI's wire shape.</summary>
internal sealed record LlmCompletion(string Id, string Model, long Created)
{
    public JsonObject TextChunk(string text, bool first) =>
        Chunk(first ? new JsonObject { ["role"] = "assistant", ["content"] = text } : new JsonObject { ["content"] = text }, null);

    public JsonObject ToolCallChunk(IReadOnlyList<(string Name, string Arguments)> calls) => Chunk(new JsonObject
    {
        ["role"] = "assistant",
        ["tool_calls"] = new JsonArray([.. calls.Select((c, i) => (JsonNode)ToolCall(c, i, withIndex: true))]),
    }, null);

    public JsonObject FinishChunk(string reason) => Chunk(new JsonObject(), reason);

    public JsonObject UsageChunk(int prompt, int completion)
    {
        var chunk = Envelope("chat.completion.chunk");
        chunk["choices"] = new JsonArray();
        chunk["usage"] = Usage(prompt, completion);
        return chunk;
    }

    public JsonObject Whole(LlmTurn turn, int prompt, int completion)
    {
        var message = new JsonObject { ["role"] = "assistant", ["content"] = turn.ToolCalls.Count > 0 ? null : turn.Text };
        if (turn.ToolCalls.Count > 0)
        {
            message["tool_calls"] = new JsonArray([.. turn.ToolCalls.Select((c, i) => (JsonNode)ToolCall(c, i, withIndex: false))]);
        }

        var whole = Envelope("chat.completion");
        whole["choices"] = new JsonArray(new JsonObject
        {
            ["index"] = 0,
            ["message"] = message,
            ["finish_reason"] = turn.ToolCalls.Count > 0 ? "tool_calls" : "stop",
        });
        whole["usage"] = Usage(prompt, completion);
        return whole;
    }

    private JsonObject ToolCall((string Name, string Arguments) call, int index, bool withIndex)
    {
        var node = new JsonObject
        {
            ["id"] = $"call_{Id[^8..]}_{index}",
            ["type"] = "function",
            ["function"] = new JsonObject { ["name"] = call.Name, ["arguments"] = call.Arguments },
        };
        if (withIndex)
        {
            node["index"] = index;
        }

        return node;
    }

    private JsonObject Chunk(JsonObject delta, string? finishReason)
    {
        var chunk = Envelope("chat.completion.chunk");
        chunk["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finishReason });
        return chunk;
    }

    private JsonObject Envelope(string kind) => new() { ["id"] = Id, ["object"] = kind, ["created"] = Created, ["model"] = Model };

    private static JsonObject Usage(int prompt, int completion) =>
        new() { ["prompt_tokens"] = prompt, ["completion_tokens"] = completion, ["total_tokens"] = prompt + completion };
}
