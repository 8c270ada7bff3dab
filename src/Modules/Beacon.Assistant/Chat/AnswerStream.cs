using System.Text;

namespace Beacon.Assistant.Chat;

/// <summary>One answer's tokens on their way to the socket, and the text they add up to (what is stored). The agent's
/// name can change while it streams: with the provider, it is the agent whose tool the model called.</summary>
internal sealed class AnswerStream(SocketSender sender, Guid threadId, Guid messageId, string agentName, CancellationToken connection)
{
    public string AgentName { get; set; } = agentName;

    private readonly StringBuilder _sent = new();

    public Guid MessageId { get; } = messageId;

    public bool Started => _sent.Length > 0;

    public string Text => _sent.ToString();

    public async Task SendAsync(string token)
    {
        await sender.SendAsync(ChatFrames.Token(threadId, MessageId, AgentName, token), connection);
        _sent.Append(token);
    }
}
