using System.Text;

namespace Beacon.Assistant.Chat;

/// <summary>One answer's tokens on their way to the socket, and the text they add up to (what is stored).</summary>
internal sealed class AnswerStream(SocketSender sender, Guid threadId, Guid messageId, string agentName, CancellationToken connection)
{
    private readonly StringBuilder _sent = new();

    public Guid MessageId { get; } = messageId;

    public bool Started => _sent.Length > 0;

    public string Text => _sent.ToString();

    public async Task SendAsync(string token)
    {
        await sender.SendAsync(ChatFrames.Token(threadId, MessageId, agentName, token), connection);
        _sent.Append(token);
    }
}
