using System.Security.Claims;
using System.Text;
using System.Text.RegularExpressions;
using Beacon.Assistant.Engine;
using Beacon.Assistant.Threads;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Beacon.Assistant.Chat;

/// <summary>A stored question waiting for its answer.</summary>
internal sealed record PendingQuestion(Guid ThreadId, Guid QuestionId, string Text);

/// <summary>
/// Answers one question: the supervisor picks the agent, the agent composes the answer, and it goes out token by
/// token. Whatever was streamed — all of it, or the part before a cancel or a dropped connection — is stored.
/// </summary>
internal sealed partial class AnswerStreamer(Supervisor supervisor, ThreadStore store, IOptions<AssistantOptions> options, TimeProvider clock,
    ILogger<AnswerStreamer> log)
{
    public async Task AnswerAsync(ClaimsPrincipal user, Guid tenant, PendingQuestion question, SocketSender sender,
        CancellationToken cancel, CancellationToken connection)
    {
        var agent = supervisor.Route(question.Text);
        AgentAnswer answer;
        try
        {
            answer = await agent.AnswerAsync(new AgentRequest(user, question.Text, clock.GetUtcNow()), cancel);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogAgentFailed(log, e, agent.Name);
            answer = new AgentAnswer(agent.Name, "Sorry — something went wrong while I was looking that up. Please ask again.", []);
        }
        catch (OperationCanceledException)
        {
            answer = new AgentAnswer(agent.Name, "", []);
        }

        var messageId = Guid.CreateVersion7(clock.GetUtcNow());
        var sent = new StringBuilder();
        var cancelled = cancel.IsCancellationRequested;
        foreach (Match token in Token().Matches(answer.Text))
        {
            if (cancel.IsCancellationRequested)
            {
                cancelled = true;
                break;
            }

            if (sent.Length > 0 && options.Value.TokenDelay > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(options.Value.TokenDelay, clock, cancel);
                }
                catch (OperationCanceledException)
                {
                    cancelled = true;
                    break;
                }
            }

            await sender.SendAsync(ChatFrames.Token(question.ThreadId, messageId, answer.AgentName, token.Value), connection);
            sent.Append(token.Value);
        }

        if (sent.Length == 0 && connection.IsCancellationRequested)
        {
            return; // never seen by anyone: a resend of the question after a reconnect gets it answered
        }

        // Stored even when the connection is gone: the thread shows what the person saw.
        await store.StoreAnswerAsync(tenant, question.ThreadId, messageId, answer.AgentName, sent.ToString(), cancelled,
            answer.LeadIds, CancellationToken.None);
        await sender.SendAsync(ChatFrames.Done(question.ThreadId, messageId, answer.AgentName, cancelled), connection);
    }

    // A word with the spaces after it, or a line break: what a chat UI appends as it arrives.
    [GeneratedRegex(@"\S+[ \t]*|\n")]
    private static partial Regex Token();

    [LoggerMessage(Level = LogLevel.Error, Message = "The assistant's {Agent} agent failed")]
    private static partial void LogAgentFailed(ILogger logger, Exception exception, string agent);
}
