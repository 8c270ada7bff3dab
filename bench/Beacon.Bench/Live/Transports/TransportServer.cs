using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Beacon.Bench.Live.Transports;

/// <summary>
/// The server half of <c>live transports</c>, run as a child process so that its memory is its own: a bare
/// ASP.NET Core WebSocket endpoint (held the way Beacon's LiveHub holds an idle socket: a zero-byte read, no receive
/// buffer) or a SignalR hub, nothing else. <c>POST /broadcast</c> sends its body to every connection.
/// </summary>
internal sealed class TransportServer : IBenchmark
{
    public string Name => "live transport-server";

    public string Description => "(started by `live transports`) a bare WebSocket or SignalR server: --kind websocket|signalr --port N";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var options = new Platform.BenchArgs(args);
        var kind = options.Value("--kind") ?? "websocket";
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{options.Int("--port", 5099)}");
        builder.Logging.ClearProviders();
        builder.Services.AddSignalR();
        var app = builder.Build();
        var sockets = new ConcurrentDictionary<WebSocket, byte>();
        app.UseWebSockets();
        app.MapHub<BroadcastHub>("/hub");
        app.Map("/ws", context => HoldAsync(context, sockets));
        app.MapPost("/broadcast", async (HttpContext context, IHubContext<BroadcastHub> hub) =>
        {
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            var payload = await reader.ReadToEndAsync(context.RequestAborted);
            if (kind == "signalr")
            {
                await hub.Clients.All.SendAsync("event", payload, context.RequestAborted);
                return Results.Ok(new { sent = -1 });
            }

            // Encoded once, sent to each socket without a cancellation token (ManagedWebSocket's fast path), as LiveHub does.
            var frame = Encoding.UTF8.GetBytes(payload);
            await Task.WhenAll(sockets.Keys.Select(s => s.SendAsync(frame, WebSocketMessageType.Text, true, CancellationToken.None)));
            return Results.Ok(new { sent = sockets.Count });
        });
        app.MapGet("/stats", (bool? collect) =>
        {
            if (collect == true)
            {
                GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            }

            return Results.Ok(new { sockets = sockets.Count, heapBytes = GC.GetTotalMemory(false) });
        });
        await app.StartAsync(cancellationToken);
        await app.WaitForShutdownAsync(cancellationToken);
        return 0;
    }

    private static async Task HoldAsync(HttpContext context, ConcurrentDictionary<WebSocket, byte> sockets)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        sockets[socket] = 0;
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                // Idle with a zero-byte read; a buffer is rented only while a message is being read.
                await socket.ReceiveAsync(Memory<byte>.Empty, CancellationToken.None);
                var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(256);
                try
                {
                    if ((await socket.ReceiveAsync(buffer.AsMemory(), CancellationToken.None)).MessageType == WebSocketMessageType.Close)
                    {
                        break;
                    }
                }
                finally
                {
                    System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
                }
            }
        }
        catch (WebSocketException)
        {
            // The client went away: nothing to clean up beyond the set below.
        }
        finally
        {
            sockets.TryRemove(socket, out _);
        }
    }
}

/// <summary>An empty hub: the server only broadcasts through <see cref="IHubContext{THub}"/>.</summary>
internal sealed class BroadcastHub : Hub;
