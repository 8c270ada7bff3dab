using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Beacon.Assistant.Provider;

/// <summary>
/// The last link before the provider: every text and tool result in the conversation leaves with e-mails and phones
/// masked, whoever put them there (the person's own words, an agent's answer, a tool's output).
/// </summary>
internal sealed class PiiMaskingChatClient(IChatClient inner) : DelegatingChatClient(inner)
{
    public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        CancellationToken cancellationToken = default) =>
        base.GetResponseAsync(Masked(messages), options, cancellationToken);

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages,
        ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var update in base.GetStreamingResponseAsync(Masked(messages), options, cancellationToken))
        {
            yield return update;
        }
    }

    private static List<ChatMessage> Masked(IEnumerable<ChatMessage> messages) =>
        [.. messages.Select(m => new ChatMessage(m.Role, [.. m.Contents.Select(Masked)]) { AuthorName = m.AuthorName })];

    private static AIContent Masked(AIContent content) => content switch
    {
        TextContent text => new TextContent(PiiMask.Apply(text.Text)),
        FunctionResultContent result => new FunctionResultContent(result.CallId, PiiMask.Apply(TextOf(result.Result))),
        _ => content,
    };

    private static string TextOf(object? result) => result switch
    {
        string s => s,
        JsonElement { ValueKind: JsonValueKind.String } e => e.GetString()!,
        _ => JsonSerializer.Serialize(result, AIJsonUtilities.DefaultOptions),
    };
}
