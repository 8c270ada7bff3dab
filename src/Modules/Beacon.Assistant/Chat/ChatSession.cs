using System.Net.WebSockets;
using System.Security.Claims;
using System.Threading.Channels;
using Beacon.Assistant.Threads;
using Beacon.Contracts.Identity;
using Beacon.SharedKernel.RateLimits;
using Beacon.SharedKernel.Tenancy;

namespace Beacon.Assistant.Chat;

/// <summary>
/// One assistant socket: authenticate with the first frame (as the live stream does), then take questions, store
/// each before anything else, and answer them one after another on a loop of their own, so a <c>cancel</c> can stop
/// the answer being streamed. Bad frames get an error frame naming the problem and the connection stays open.
/// </summary>
internal sealed class ChatSession(WebSocket socket, IAccessTokenValidator validator, IRateLimitGate limits, ThreadStore store,
    AnswerStreamer streamer, AssistantOptions options, TimeProvider clock) : IDisposable
{
    private readonly SocketSender _sender = new(socket);
    private readonly PendingActions _proposals = new();
    private readonly Channel<PendingQuestion> _questions = Channel.CreateUnbounded<PendingQuestion>(new() { SingleReader = true });
    private CancellationTokenSource? _answering;
    private AccessPrincipal _principal = null!;
    private int _refusals;

    public async Task RunAsync(CancellationToken aborted)
    {
        if (!await AuthenticateFirstAsync(aborted))
        {
            await _sender.CloseAsync(ChatCloseCodes.Unauthorized, "authenticate with {\"type\":\"auth\",\"token\":…} first");
            return;
        }

        await _sender.SendAsync(ChatFrames.Ready(_principal.UserId), aborted);
        // Ends with the session, whoever ends it: questions still queued then stay unanswered in their thread.
        using var session = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        var answers = AnswerLoopAsync(session.Token);
        var (code, reason) = await ReceiveLoopAsync(aborted);
        _questions.Writer.TryComplete();
        await session.CancelAsync();
        await answers;
        await _sender.CloseAsync(code, reason);
    }

    public void Dispose() => _sender.Dispose();

    private async Task<bool> AuthenticateFirstAsync(CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.AuthTimeout);
        try
        {
            var frame = await SocketReader.ReadAsync(socket, options.MaxFrameBytes, options.MaxFrameBytes, timeout.Token);
            return frame.Kind == FrameKind.Text && ClientFrame.Parse(frame.Text, options.MaxTextLength) is ClientFrame.Auth auth
                && await TryAuthAsync(auth.Token, ct);
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or IOException)
        {
            return false; // silence, or a peer gone before authenticating
        }
    }

    private async Task<bool> TryAuthAsync(string token, CancellationToken ct)
    {
        var principal = await validator.ValidateAsync(token, ct);
        // A refreshed token must speak for the same person: a socket never changes hands.
        if (principal is null || (_principal is not null && (principal.TenantId != _principal.TenantId || principal.UserId != _principal.UserId)))
        {
            return false;
        }

        _principal = principal;
        return true;
    }

    private async Task<(int Code, string Reason)> ReceiveLoopAsync(CancellationToken ct)
    {
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var frame = await SocketReader.ReadAsync(socket, options.MaxFrameBytes, options.DrainLimitBytes, ct);
                switch (frame.Kind)
                {
                    case FrameKind.Closed:
                        return ((int)WebSocketCloseStatus.NormalClosure, "bye");
                    case FrameKind.TooLargeToDrain:
                        return ((int)WebSocketCloseStatus.MessageTooBig, $"frames are at most {options.MaxFrameBytes} bytes");
                    case FrameKind.Binary:
                        await RefuseAsync("binary_frame", "Binary frames are not accepted; send JSON text.", ct);
                        continue;
                    case FrameKind.NotUtf8:
                        await RefuseAsync("invalid_utf8", "The frame is not valid UTF-8 text.", ct);
                        continue;
                    case FrameKind.TooLarge:
                        await RefuseAsync("too_large", $"The frame has {frame.Bytes} bytes; at most {options.MaxFrameBytes} are accepted.", ct);
                        continue;
                }

                if (_principal.ExpiresAt is { } expires && expires <= clock.GetUtcNow())
                {
                    return (ChatCloseCodes.Unauthorized, "token expired; reconnect with a fresh token");
                }

                if (await HandleAsync(ClientFrame.Parse(frame.Text, options.MaxTextLength), ct) is { } close)
                {
                    return close;
                }

                if (_refusals >= options.RefusalsBeforeClose)
                {
                    return ((int)WebSocketCloseStatus.PolicyViolation, "too many refused frames in a row; slow down and reconnect");
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or IOException)
        {
            // The peer went away or the server is stopping.
        }

        return ((int)WebSocketCloseStatus.NormalClosure, "bye");
    }

    private async Task<(int, string)?> HandleAsync(ClientFrame frame, CancellationToken ct)
    {
        switch (frame)
        {
            case ClientFrame.Cancel:
                await CancelAnswerAsync();
                return null;
            case ClientFrame.Auth auth:
                return await TryAuthAsync(auth.Token, ct) ? null : (ChatCloseCodes.Unauthorized, "the new token is not valid");
            case ClientFrame.Invalid invalid:
                await RefuseAsync(invalid.Code, invalid.Message, ct, invalid.Field, invalid.ClientId);
                return null;
            case ClientFrame.Question question:
                await AcceptAsync(question, ct);
                return null;
            case ClientFrame.Decision decision:
                await DecideAsync(decision, ct);
                return null;
            default:
                return null;
        }
    }

    private async Task AcceptAsync(ClientFrame.Question question, CancellationToken ct)
    {
        var decision = await limits.AcquireAsync(RateLimitScope.Assistant,
            new RateLimitSubject(_principal.TenantId, "user", _principal.UserId.ToString("N")), ct);
        if (!decision.Allowed)
        {
            _refusals++;
            await _sender.SendAsync(ChatFrames.RateLimited(decision, question.ClientId), ct);
            return;
        }

        _refusals = 0;
        var stored = await store.StoreQuestionAsync(_principal.TenantId, _principal.UserId, question.ThreadId, question.Text, question.ClientId, ct);
        if (stored is null)
        {
            await _sender.SendAsync(ChatFrames.Error("unknown_thread", "No such thread of yours; omit threadId to start a new one.", "threadId", question.ClientId), ct);
            return;
        }

        await _sender.SendAsync(ChatFrames.Accepted(question.ClientId, stored.ThreadId, stored.MessageId, stored.Duplicate), ct);
        // A resend after a reconnect is answered only if its answer was never stored.
        if (!stored.Duplicate || !await store.IsAnsweredAsync(_principal.TenantId, stored.ThreadId, stored.MessageId, ct))
        {
            await _questions.Writer.WriteAsync(new PendingQuestion(stored.ThreadId, stored.MessageId, question.Text), ct);
        }
    }

    // Runs with the principal of this moment: a role changed since the proposal is the role that counts.
    private async Task DecideAsync(ClientFrame.Decision decision, CancellationToken ct)
    {
        if (_proposals.Take(decision.ActionId) is not { } pending)
        {
            await RefuseAsync("unknown_action", "No open proposal with this id on this connection; ask again.", ct, "actionId");
            return;
        }

        _refusals = 0;
        var (outcome, message) = ("dismissed", "Cancelled; nothing was changed.");
        if (decision.Confirm)
        {
            var result = await pending.Action.RunAsync(AsClaims(_principal), ct);
            (outcome, message) = (result.Done ? "done" : "refused", result.Message);
        }

        await store.StoreOutcomeAsync(_principal.TenantId, pending.ThreadId, Engine.AgentNames.FollowUp, message, pending.Action.LeadIds, ct);
        await _sender.SendAsync(ChatFrames.ActionResult(decision.ActionId, outcome, message), ct);
    }

    private async Task CancelAnswerAsync()
    {
        try
        {
            if (_answering is { } current)
            {
                await current.CancelAsync();
            }
        }
        catch (ObjectDisposedException)
        {
            // That answer has just finished.
        }
    }

    private async Task RefuseAsync(string code, string message, CancellationToken ct, string? field = null, string? clientId = null)
    {
        _refusals++;
        await _sender.SendAsync(ChatFrames.Error(code, message, field, clientId), ct);
    }

    private async Task AnswerLoopAsync(CancellationToken connection)
    {
        await foreach (var question in _questions.Reader.ReadAllAsync(CancellationToken.None))
        {
            using var answering = CancellationTokenSource.CreateLinkedTokenSource(connection);
            _answering = answering;
            var user = AsClaims(_principal);
            var proposed = await streamer.AnswerAsync(user, _principal.TenantId, question, _sender, answering.Token, connection);
            _answering = null;
            if (proposed is { } p)
            {
                var actionId = _proposals.Add(question.ThreadId, p.Action);
                await _sender.SendAsync(ChatFrames.Confirm(question.ThreadId, p.MessageId, actionId, p.Action.Summary), connection);
            }
        }
    }

    // The principal the Contracts' visibility rules read: tenant, user, role and team, as the HTTP scheme sets them.
    private static ClaimsPrincipal AsClaims(AccessPrincipal p) => new(new ClaimsIdentity(
        [
            new Claim(ClaimNames.Tenant, p.TenantId.ToString()),
            new Claim(ClaimNames.Subject, p.UserId.ToString()),
            new Claim(ClaimNames.Role, p.Role),
            .. p.TeamId is { } team ? [new Claim("team", team.ToString())] : Array.Empty<Claim>(),
        ], authenticationType: "assistant-socket"));
}
