using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Beacon.Contracts.Identity;
using Beacon.Realtime.Stream;
using Beacon.SharedKernel.RateLimits;

namespace Beacon.Realtime.Socket;

/// <summary>
/// One live socket: authenticate with the first message, then send every visible event after the starting
/// cursor, in order, while accepting in-band token refreshes and subscriptions. Only the send loop writes to the
/// socket; whoever decides to end the session records why and completes the queue, and the close follows it.
/// </summary>
internal sealed class LiveSession(WebSocket socket, LiveHub hub, IAccessTokenValidator validator, LiveOptions options,
    TimeProvider clock, IRateLimitGate limits) : IDisposable
{
    private const int MessageLimit = 64 * 1024;
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(2);
    private readonly Channel<ReadOnlyMemory<byte>> _outgoing = Channel.CreateBounded<ReadOnlyMemory<byte>>(
        new BoundedChannelOptions(options.SendQueueLimit) { SingleReader = true, FullMode = BoundedChannelFullMode.DropWrite });
    private readonly CancellationTokenSource _end = new();
    private readonly MessageBucket _allowance = new(options.MessagesPerSecond, options.MessageBurst, clock);
    private (int Code, string Reason) _close = ((int)WebSocketCloseStatus.NormalClosure, "bye");
    private volatile Topics _topics = new();
    private volatile Viewer? _viewer;
    private AccessPrincipal? _principal;
    private string _token = "";

    public async Task RunAsync(long? after, CancellationToken aborted)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(aborted, _end.Token);
        var ct = linked.Token;
        if (!await AuthenticateFirstAsync(ct))
        {
            await CloseAsync(CloseCodes.Unauthorized, "authenticate with {\"type\":\"auth\",\"token\":…} first");
            return;
        }

        using var lease = await hub.JoinAsync(_viewer!.TenantId, ct);
        var send = SendLoopAsync();
        var receive = ReceiveLoopAsync(ct);
        var pump = PumpLoopAsync(lease, after, ct);
        await Task.WhenAny(send, receive, pump);
        End(_close.Code, _close.Reason);
        // What is queued still goes out, unless the peer has stopped reading: then the connection is cut.
        if (await Task.WhenAny(send, Task.Delay(DrainTimeout, CancellationToken.None)) != send)
        {
            socket.Abort();
        }

        await send.ContinueWith(_ => { }, TaskScheduler.Default);
        await CloseAsync(_close.Code, _close.Reason);
        await _end.CancelAsync();
        await Task.WhenAll(receive, pump).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    public void Dispose() => _end.Dispose();

    private async Task<bool> AuthenticateFirstAsync(CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(options.AuthTimeout);
        try
        {
            var message = await ReceiveTextAsync(timeout.Token);
            return message is not null && await TryAuthAsync(message, ct);
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or IOException)
        {
            // Silence, or a peer that went away before authenticating: nothing went wrong on our side.
            return false;
        }
    }

    private async Task<bool> TryAuthAsync(string message, CancellationToken ct)
    {
        try
        {
            using var doc = JsonDocument.Parse(message);
            var root = doc.RootElement;
            if (root.GetProperty("type").GetString() != "auth" || root.GetProperty("token").GetString() is not { Length: > 0 } token)
            {
                return false;
            }

            var principal = await validator.ValidateAsync(token, ct);
            if (principal is null || (_viewer is not null && principal.TenantId != _viewer.TenantId))
            {
                return false;
            }

            (_token, _principal) = (token, principal);
            _viewer = new Viewer(principal.TenantId, principal.UserId, principal.Role, principal.TeamId);
            return true;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return false;
        }
    }

    private async Task PumpLoopAsync(FeedLease lease, long? after, CancellationToken ct)
    {
        var feed = lease.Feed;
        var current = feed.Head;
        var last = after ?? current;
        if (after is { } a && a > 0)
        {
            // Resuming: only now is the database asked whether the cursor is still within the retention window.
            var (_, oldest) = await feed.PositionAsync(ct);
            if (oldest > 0 && a < oldest - 1)
            {
                Enqueue(Frames.Reset(current));
                last = current;
            }
        }

        Enqueue(Frames.Ready(current));
        var nextCheck = clock.GetUtcNow() + options.RevalidateInterval;
        using var expiry = new ExpiryTimer(lease.Bell, clock);
        while (!ct.IsCancellationRequested)
        {
            var rows = await feed.ReadAfterAsync(last, ct);
            foreach (var row in rows)
            {
                if (_viewer!.MaySee(row) && _topics.Wants(row) && !Enqueue(row.EventFrame))
                {
                    End(CloseCodes.SlowConsumer, $"too far behind; resume after cursor {last}");
                    return;
                }

                last = row.Cursor;
            }

            if (rows.Count > 0)
            {
                continue;
            }

            // One bell: rung by the feed, the node's heartbeat and this token's expiry timer; no timer per wait.
            expiry.Watch(_principal?.ExpiresAt);
            if (await lease.Bell.WaitAsync(ct))
            {
                Enqueue(Frames.Ping());
            }

            if (!await StillAuthorisedAsync(ref nextCheck, ct))
            {
                End(CloseCodes.Unauthorized, "token expired or revoked; reconnect with a fresh token");
                return;
            }
        }
    }

    private Task<bool> StillAuthorisedAsync(ref DateTimeOffset nextCheck, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (_principal?.ExpiresAt is { } expires && expires <= now)
        {
            return Task.FromResult(false);
        }

        if (now < nextCheck)
        {
            return Task.FromResult(true);
        }

        nextCheck = now + options.RevalidateInterval;
        return RevalidateAsync(ct);
    }

    private async Task<bool> RevalidateAsync(CancellationToken ct)
    {
        var principal = await validator.ValidateAsync(_token, ct);
        if (principal is null)
        {
            return false;
        }

        _principal = principal;
        _viewer = new Viewer(principal.TenantId, principal.UserId, principal.Role, principal.TeamId);
        return true;
    }

    private async Task ReceiveLoopAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var message = await ReceiveTextAsync(ct);
            if (message is null)
            {
                End((int)WebSocketCloseStatus.NormalClosure, "client closed");
                return;
            }

            if (!_allowance.TryTake())
            {
                End((int)WebSocketCloseStatus.PolicyViolation,
                    $"more than {options.MessagesPerSecond} messages a second (burst {options.MessageBurst}); reconnect and slow down");
                return;
            }

            // The tenant's policy across its users' sockets on every node; a refused message is dropped, not fatal.
            var decision = await limits.AcquireAsync(RateLimitScope.Socket,
                new RateLimitSubject(_principal!.TenantId, "user", _principal.UserId.ToString("N")), ct);
            if (!decision.Allowed)
            {
                Enqueue(Frames.RateLimited(decision));
                continue;
            }

            await HandleMessageAsync(message, ct);
        }
    }

    private async Task HandleMessageAsync(string message, CancellationToken ct)
    {
        string? type;
        try
        {
            using var doc = JsonDocument.Parse(message);
            type = doc.RootElement.TryGetProperty("type", out var t) ? t.GetString() : null;
            if (type == "subscribe")
            {
                var topics = doc.RootElement.GetProperty("topics").EnumerateArray().Select(x => x.GetString() ?? "");
                if (Topics.TryParse(topics, out var parsed))
                {
                    _topics = parsed;
                }
                else
                {
                    Enqueue(Frames.Error("unknown topic; use all, leads, dashboard or lead:<id>"));
                }

                return;
            }
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            Enqueue(Frames.Error("messages are JSON objects with a type"));
            return;
        }

        if (type == "auth" && !await TryAuthAsync(message, ct))
        {
            End(CloseCodes.Unauthorized, "the new token is not valid");
        }
    }

    private async Task SendLoopAsync()
    {
        await foreach (var frame in _outgoing.Reader.ReadAllAsync(CancellationToken.None))
        {
            if (socket.State != WebSocketState.Open)
            {
                return;
            }

            // No cancellation token: the framework's synchronous fast path needs none (a cancellable send takes
            // the slower path on every frame); a send stuck on a peer that stopped reading ends with Abort.
            await socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        }
    }

    private bool Enqueue(ReadOnlyMemory<byte> frame) => _outgoing.Writer.TryWrite(frame);

    private void End(int code, string reason)
    {
        if (_outgoing.Writer.TryComplete())
        {
            _close = (code, reason);
        }
    }

    private async Task<string?> ReceiveTextAsync(CancellationToken ct)
    {
        // Wait for the next message without a buffer, so an idle socket holds no receive memory.
        var first = await socket.ReceiveAsync(Memory<byte>.Empty, ct);
        if (first.MessageType == WebSocketMessageType.Close)
        {
            return null;
        }

        if (first.EndOfMessage)
        {
            return "";
        }

        var buffer = ArrayPool<byte>.Shared.Rent(4096);
        try
        {
            var length = 0;
            while (true)
            {
                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var result = await socket.ReceiveAsync(buffer.AsMemory(length, Math.Min(buffer.Length, MessageLimit + 1) - length), ct);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return null;
                }

                length += result.Count;
                if (length > MessageLimit)
                {
                    End((int)WebSocketCloseStatus.MessageTooBig, "messages are at most 64 KiB");
                    return null;
                }

                if (result.EndOfMessage)
                {
                    return Encoding.UTF8.GetString(buffer, 0, length);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task CloseAsync(int code, string reason)
    {
        if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try
            {
                await socket.CloseOutputAsync((WebSocketCloseStatus)code, reason, timeout.Token);
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException or IOException)
            {
                // The peer is gone already; nothing left to tell it.
            }
        }
    }
}
