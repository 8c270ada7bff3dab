using System.Text.Json;
using Beacon.Assistant.Engine.Drafts;
using Beacon.Contracts.Billing;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Messaging;
using Dapper;

namespace Beacon.Assistant.Threads;

/// <summary>A thread as its list shows it.</summary>
internal sealed record ThreadSummary(Guid Id, string Title, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>One message of a thread. <paramref name="Role"/> is <c>user</c> or <c>assistant</c>; <paramref name="Status"/>
/// <c>complete</c> or <c>cancelled</c> (an answer stopped by the person: the part streamed so far); <paramref name="Draft"/>
/// the message the drafter wrote in this answer, if any.</summary>
internal sealed record ThreadMessage(Guid Id, string Role, string Text, string? AgentName, string Status, string? ClientId,
    DateTimeOffset CreatedAt, MessageDraft? Draft = null);

/// <summary>An earlier turn of a thread, as the provider is sent it for context.</summary>
internal sealed record ThreadTurn(string Role, string Text);

internal sealed record ThreadDetail(Guid Id, string Title, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    IReadOnlyList<ThreadMessage> Messages);

/// <summary>A provider's tokens for one answer, metered for the person it answered (zero with the built-in engine).</summary>
internal sealed record AnswerTokens(Guid UserId, long Input, long Output);

/// <summary>The person's message as stored: <paramref name="Duplicate"/> when the same clientId was stored before (a resend).</summary>
internal sealed record StoredQuestion(Guid ThreadId, Guid MessageId, bool Duplicate);

/// <summary>SQL of threads and messages. Every statement names the owner, so nobody reads or extends another's thread.</summary>
internal sealed class ThreadStore(Db db, DraftAudit drafts, TimeProvider clock)
{
    private sealed record MessageRow(Guid Id, string Role, string Text, string? AgentName, string Status, string? ClientId,
        DateTimeOffset CreatedAt, string? Draft);

    public async Task<IReadOnlyList<ThreadSummary>> ListAsync(Guid tenant, Guid user, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(tenant, ct);
        return [.. await conn.QueryAsync<ThreadSummary>(new CommandDefinition("""
            SELECT id, title, created_at, updated_at FROM assistant.threads
             WHERE tenant_id = @tenant AND user_id = @user ORDER BY updated_at DESC, id LIMIT 100
            """, new { tenant, user }, cancellationToken: ct))];
    }

    public async Task<ThreadDetail?> GetAsync(Guid tenant, Guid user, Guid threadId, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(tenant, ct);
        var thread = await conn.QuerySingleOrDefaultAsync<ThreadSummary>(new CommandDefinition("""
            SELECT id, title, created_at, updated_at FROM assistant.threads WHERE tenant_id = @tenant AND id = @threadId AND user_id = @user
            """, new { tenant, user, threadId }, cancellationToken: ct));
        if (thread is null)
        {
            return null;
        }

        var messages = await conn.QueryAsync<MessageRow>(new CommandDefinition("""
            SELECT id, role, text, agent_name, status, client_id, created_at, draft::text AS draft FROM assistant.messages
             WHERE tenant_id = @tenant AND thread_id = @threadId ORDER BY seq
            """, new { tenant, threadId }, cancellationToken: ct));
        return new ThreadDetail(thread.Id, thread.Title, thread.CreatedAt, thread.UpdatedAt, [.. messages.Select(m => new ThreadMessage(
            m.Id, m.Role, m.Text, m.AgentName, m.Status, m.ClientId, m.CreatedAt,
            m.Draft is null ? null : JsonSerializer.Deserialize<MessageDraft>(m.Draft, MessageJson.Options)))]);
    }

    /// <summary>The last <paramref name="limit"/> messages of the thread before <paramref name="questionId"/>, oldest first.</summary>
    public async Task<IReadOnlyList<ThreadTurn>> RecentAsync(Guid tenant, Guid threadId, Guid questionId, int limit, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(tenant, ct);
        var turns = await conn.QueryAsync<ThreadTurn>(new CommandDefinition("""
            SELECT m.role, m.text FROM assistant.messages m
             WHERE m.tenant_id = @tenant AND m.thread_id = @threadId AND m.text <> ''
               AND m.seq < (SELECT q.seq FROM assistant.messages q WHERE q.tenant_id = @tenant AND q.id = @questionId)
             ORDER BY m.seq DESC LIMIT @limit
            """, new { tenant, threadId, questionId, limit }, cancellationToken: ct));
        return [.. turns.Reverse()];
    }

    /// <summary>Stores what the person sent before anything answers it; null when <paramref name="threadId"/> is not theirs.</summary>
    public async Task<StoredQuestion?> StoreQuestionAsync(Guid tenant, Guid user, Guid? threadId, string text, string clientId,
        CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var tx = await db.BeginAsync(tenant, ct);
        var thread = threadId ?? Guid.CreateVersion7(now);
        var owned = threadId is null
            ? await tx.Connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO assistant.threads (tenant_id, id, user_id, title, created_at, updated_at) VALUES (@tenant, @thread, @user, @title, @now, @now)
                """, new { tenant, thread, user, title = TitleOf(text), now }, tx.Transaction, cancellationToken: ct))
            : await tx.Connection.ExecuteAsync(new CommandDefinition("""
                UPDATE assistant.threads SET updated_at = @now WHERE tenant_id = @tenant AND id = @thread AND user_id = @user
                """, new { tenant, thread, user, now }, tx.Transaction, cancellationToken: ct));
        if (owned == 0)
        {
            return null;
        }

        var id = Guid.CreateVersion7(now);
        var stored = await tx.Connection.QuerySingleAsync<Guid>(new CommandDefinition("""
            WITH inserted AS (
                INSERT INTO assistant.messages (tenant_id, id, thread_id, role, text, client_id, created_at)
                VALUES (@tenant, @id, @thread, 'user', @text, @clientId, @now)
                ON CONFLICT (tenant_id, thread_id, client_id) WHERE role = 'user' DO NOTHING
                RETURNING id)
            SELECT id FROM inserted
            UNION ALL
            SELECT id FROM assistant.messages WHERE tenant_id = @tenant AND thread_id = @thread AND client_id = @clientId AND role = 'user'
            LIMIT 1
            """, new { tenant, id, thread, text, clientId, now }, tx.Transaction, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return new StoredQuestion(thread, stored, stored != id);
    }

    /// <summary>Stores an answer (whole, or the part streamed before a cancel) and meters it — one message, and the
    /// provider's tokens per person and direction — for billing, in one transaction.</summary>
    public async Task StoreAnswerAsync(Guid tenant, Guid threadId, Guid messageId, string agentName, string text, bool cancelled,
        IReadOnlyList<Guid> leadIds, AnswerTokens tokens, DraftOutcome? drafting, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var tx = await db.BeginAsync(tenant, ct);
        var draft = drafting?.Draft is { } d && !cancelled ? JsonSerializer.Serialize(d, MessageJson.Options) : null;
        await tx.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO assistant.messages (tenant_id, id, thread_id, role, text, agent_name, status, lead_ids, created_at, draft)
            VALUES (@tenant, @messageId, @threadId, 'assistant', @text, @agentName, @status, @leadIds, @now, @draft::jsonb);
            UPDATE assistant.threads SET updated_at = @now WHERE tenant_id = @tenant AND id = @threadId;
            """, new { tenant, messageId, threadId, text, agentName, status = cancelled ? "cancelled" : "complete", leadIds = leadIds.ToArray(), now, draft },
            tx.Transaction, cancellationToken: ct));
        if (drafting is not null && !cancelled)
        {
            await drafts.AppendAsync(tx, tokens.UserId, drafting, messageId, now, ct);
        }

        tx.Publish(new UsageRecorded(Guid.CreateVersion7(now), tenant, now, UsageMeters.AssistantMessages, 1, agentName,
            $"assistant:{messageId}"));
        foreach (var (direction, quantity) in new[] { ("input", tokens.Input), ("output", tokens.Output) }.Where(t => t.Item2 > 0))
        {
            tx.Publish(new UsageRecorded(Guid.CreateVersion7(now), tenant, now, UsageMeters.AssistantTokens, quantity,
                $"{direction}:{tokens.UserId}", $"assistant:{messageId}:{direction}"));
        }

        await tx.CommitAsync(ct);
    }

    /// <summary>Stores what came of a confirmed or dismissed proposal as the assistant's line in the thread (not metered).</summary>
    public async Task StoreOutcomeAsync(Guid tenant, Guid threadId, string agentName, string text, IReadOnlyList<Guid> leadIds,
        CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var conn = await db.OpenAsync(tenant, ct);
        await conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO assistant.messages (tenant_id, id, thread_id, role, text, agent_name, status, lead_ids, created_at)
            VALUES (@tenant, @id, @threadId, 'assistant', @text, @agentName, 'complete', @leadIds, @now)
            """, new { tenant, id = Guid.CreateVersion7(now), threadId, text, agentName, leadIds = leadIds.ToArray(), now },
            cancellationToken: ct));
    }

    /// <summary>Whether an answer follows the person's message already (a resend after a reconnect is not answered twice).</summary>
    public async Task<bool> IsAnsweredAsync(Guid tenant, Guid threadId, Guid questionId, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(tenant, ct);
        return await conn.ExecuteScalarAsync<bool>(new CommandDefinition("""
            SELECT EXISTS (SELECT 1 FROM assistant.messages a JOIN assistant.messages q ON q.tenant_id = a.tenant_id AND q.id = @questionId
                            WHERE a.tenant_id = @tenant AND a.thread_id = @threadId AND a.role = 'assistant' AND a.seq > q.seq)
            """, new { tenant, threadId, questionId }, cancellationToken: ct));
    }

    private static string TitleOf(string text)
    {
        var line = text.ReplaceLineEndings(" ").Trim();
        return line.Length <= 60 ? line : line[..57].TrimEnd() + "…";
    }
}
