using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Beacon.Sandbox.Llm;

/// <summary>
/// <c>POST /v1/chat/completions</c> as OpenAI speaks it: bearer key, <c>messages</c>, <c>tools</c>, and with
/// <c>stream: true</c> server-sent <c>chat.completion.chunk</c>s (text word by word, or <c>tool_calls</c>), a usage
/// chunk, then <c>data: [DONE]</c>. Token counts are words, which is all a test needs to see metering work.
/// </summary>
internal static partial class LlmEndpoints
{
    public static void MapLlmEndpoints(this IEndpointRouteBuilder app) =>
        app.MapPost("/v1/chat/completions", CompleteAsync);

    private static async Task CompleteAsync(HttpContext http, LlmState state, LlmSettings settings, TimeProvider clock)
    {
        if (http.Request.Headers.Authorization.ToString() != $"Bearer {settings.ApiKey}")
        {
            await WriteErrorAsync(http, 401, "invalid_api_key", "Incorrect API key provided.");
            return;
        }

        var body = await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
        if (body?["messages"] is not JsonArray { Count: > 0 } messages)
        {
            await WriteErrorAsync(http, 400, "invalid_request_error", "'messages' is required.");
            return;
        }

        state.Received.Enqueue(body);
        if (state.Take() is { } fault)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(fault.DelayMs), clock, http.RequestAborted);
            if (fault.Status is { } status)
            {
                await WriteErrorAsync(http, status, "server_error", "The sandbox model was told to fail.");
                return;
            }
        }

        var tools = (body["tools"] as JsonArray ?? []).Select(t => t?["function"]?["name"]?.GetValue<string>() ?? "").ToHashSet();
        var turn = LlmScript.Next(messages, tools);
        var model = body["model"]?.GetValue<string>() ?? "sandbox";
        var promptTokens = Words().Count(messages.ToJsonString());
        var completion = new LlmCompletion($"chatcmpl-{Guid.NewGuid():N}", model, clock.GetUtcNow().ToUnixTimeSeconds());
        if (body["stream"]?.GetValue<bool>() == true)
        {
            await StreamAsync(http, completion, turn, promptTokens, settings.WordDelayMs, clock);
        }
        else
        {
            await http.Response.WriteAsJsonAsync(completion.Whole(turn, promptTokens, Words().Count(turn.Text)), http.RequestAborted);
        }
    }

    private static async Task StreamAsync(HttpContext http, LlmCompletion completion, LlmTurn turn, int promptTokens, int delayMs,
        TimeProvider clock)
    {
        http.Response.ContentType = "text/event-stream";
        var ct = http.RequestAborted;
        if (turn.ToolCalls.Count > 0)
        {
            await SendAsync(http, completion.ToolCallChunk(turn.ToolCalls));
            await SendAsync(http, completion.FinishChunk("tool_calls"));
        }

        var words = Words().Matches(turn.Text);
        for (var i = 0; i < words.Count; i++)
        {
            if (i > 0 && delayMs > 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(delayMs), clock, ct);
            }

            await SendAsync(http, completion.TextChunk(words[i].Value, first: i == 0));
        }

        if (turn.ToolCalls.Count == 0)
        {
            await SendAsync(http, completion.FinishChunk("stop"));
        }

        await SendAsync(http, completion.UsageChunk(promptTokens, words.Count));
        await http.Response.WriteAsync("data: [DONE]\n\n", ct);
    }

    private static async Task SendAsync(HttpContext http, JsonObject chunk)
    {
        await http.Response.WriteAsync(string.Create(CultureInfo.InvariantCulture, $"data: {chunk.ToJsonString()}\n\n"), http.RequestAborted);
        await http.Response.Body.FlushAsync(http.RequestAborted);
    }

    private static Task WriteErrorAsync(HttpContext http, int status, string code, string message)
    {
        http.Response.StatusCode = status;
        return http.Response.WriteAsJsonAsync(new { error = new { message, type = code, code } });
    }

    // A word with the whitespace after it: what the stream sends as one "token".
    [GeneratedRegex(@"\S+\s*")]
    private static partial Regex Words();
}
