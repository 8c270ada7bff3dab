using System.Security.Claims;
using System.Text.RegularExpressions;
using Beacon.Assistant.Engine;
using Beacon.Assistant.Engine.Drafts;
using Beacon.Assistant.Provider;
using Beacon.Assistant.Threads;
using Beacon.SharedKernel.Tenancy;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Beacon.Assistant.Chat;

/// <summary>A stored question waiting for its answer.</summary>
internal sealed record PendingQuestion(Guid ThreadId, Guid QuestionId, string Text);

/// <summary>
/// Answers one question: the supervisor picks the agent; the configured provider answers with the agents as tools
/// (ADR 0030) or, by default or when the provider fails before its first word, the agent composes the answer itself.
/// It goes out token by token; whatever was streamed — all of it, or the part before a cancel or a dropped
/// connection — is stored, with the provider's tokens metered.
/// </summary>
internal sealed partial class AnswerStreamer(Supervisor supervisor, ProviderAnswerer provider, ThreadStore store,
    IOptions<AssistantOptions> options, TimeProvider clock, ILogger<AnswerStreamer> log)
{
    public const string FallbackNote = "The AI provider is unavailable; answered by Beacon's built-in assistant.\n";
    private const string InterruptedNote = "\n(The AI provider stopped answering; ask again for the rest.)";

    /// <summary>Streams and stores the answer; returns the action it proposes, if any, for the session to offer.</summary>
    public async Task<(Guid MessageId, ProposedAction Action)?> AnswerAsync(ClaimsPrincipal user, Guid tenant, PendingQuestion question,
        SocketSender sender, CancellationToken cancel, CancellationToken connection)
    {
        var agent = supervisor.Route(question.Text);
        var request = new AgentRequest(user, question.Text, clock.GetUtcNow());
        var stream = new AnswerStream(sender, question.ThreadId, Guid.CreateVersion7(clock.GetUtcNow()), agent.Name, connection);
        var tokens = TokenUsage.None;
        IReadOnlyList<Guid> leadIds = [];
        var prefix = "";
        ProposedAction? proposal = null;
        DraftOutcome? drafting = null;
        // Actions are proposed by the built-in agent only: what is offered for confirmation must be exactly what runs.
        if (provider.Enabled && agent.Name != AgentNames.FollowUp)
        {
            // The thread's recent turns go with the question (masked like it on the way out), so "and her score?" has its "her".
            var history = await store.RecentAsync(tenant, question.ThreadId, question.QuestionId, options.Value.OpenAI.HistoryMessages,
                CancellationToken.None);
            var outcome = await provider.StreamAsync(request, history, stream.SendAsync, called => stream.AgentName = called, cancel);
            (tokens, leadIds, drafting) = (outcome.Tokens, outcome.LeadIds, outcome.Drafting);
            if (!outcome.Streamed)
            {
                // The built-in agent answers: its name, its draft.
                stream.AgentName = agent.Name;
                drafting = null;
            }

            if (outcome.Interrupted)
            {
                await stream.SendAsync(InterruptedNote);
            }

            prefix = outcome.Streamed || cancel.IsCancellationRequested ? "" : FallbackNote;
        }

        if (!stream.Started && !cancel.IsCancellationRequested)
        {
            var answer = await BuiltInAsync(agent, request, cancel);
            (leadIds, proposal, drafting) = (answer.LeadIds, answer.Proposal, answer.Drafting);
            await PaceAsync(stream, prefix + answer.Text, cancel);
        }

        if (!stream.Started && connection.IsCancellationRequested)
        {
            return null; // never seen by anyone: a resend of the question after a reconnect gets it answered
        }

        var cancelled = cancel.IsCancellationRequested;
        // Stored even when the connection is gone: the thread shows what the person saw.
        await store.StoreAnswerAsync(tenant, question.ThreadId, stream.MessageId, stream.AgentName, stream.Text, cancelled, leadIds,
            new AnswerTokens(user.UserId(), tokens.Input, tokens.Output), drafting, CancellationToken.None);
        if (drafting?.Draft is { } draft && !cancelled)
        {
            await sender.SendAsync(ChatFrames.Draft(question.ThreadId, stream.MessageId, draft), connection);
        }

        await sender.SendAsync(ChatFrames.Done(question.ThreadId, stream.MessageId, stream.AgentName, cancelled), connection);
        return proposal is not null && !cancelled ? (stream.MessageId, proposal) : null;
    }

    private async Task<AgentAnswer> BuiltInAsync(IAgent agent, AgentRequest request, CancellationToken cancel)
    {
        try
        {
            return await agent.AnswerAsync(request, cancel);
        }
        catch (OperationCanceledException)
        {
            return new AgentAnswer(agent.Name, "", []);
        }
        catch (Exception e)
        {
            LogAgentFailed(log, e, agent.Name);
            return new AgentAnswer(agent.Name, "Sorry — something went wrong while I was looking that up. Please ask again.", []);
        }
    }

    // The built-in answer is ready at once; it goes out a word at a time like a model types (the first undelayed).
    private async Task PaceAsync(AnswerStream stream, string text, CancellationToken cancel)
    {
        foreach (Match token in Token().Matches(text))
        {
            if (cancel.IsCancellationRequested)
            {
                return;
            }

            if (stream.Started && options.Value.TokenDelay > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(options.Value.TokenDelay, clock, cancel);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }

            await stream.SendAsync(token.Value);
        }
    }

    // A word with the spaces after it, or a line break: what a chat UI appends as it arrives.
    [GeneratedRegex(@"\S+[ \t]*|\n")]
    private static partial Regex Token();

    [LoggerMessage(Level = LogLevel.Error, Message = "The assistant's {Agent} agent failed")]
    private static partial void LogAgentFailed(ILogger logger, Exception exception, string agent);
}
