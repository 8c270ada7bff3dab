using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace Beacon.Bench.Live.Transports;

/// <summary>The client half of <c>live transports</c>: N connections of one kind that note each broadcast's arrival.</summary>
internal static class TransportClients
{
    public static async Task<List<IAsyncDisposable>> ConnectAsync(string kind, int port, int count, Arrivals arrivals, CancellationToken ct)
    {
        var clients = new List<IAsyncDisposable>(count);
        for (var start = 0; start < count; start += 250)
        {
            clients.AddRange(await Task.WhenAll(Enumerable.Range(start, Math.Min(250, count - start))
                .Select(i => kind == "signalr" ? SignalRAsync(port, i, arrivals, ct) : WebSocketAsync(port, i, arrivals, ct))));
        }

        return clients;
    }

    private static async Task<IAsyncDisposable> SignalRAsync(int port, int index, Arrivals arrivals, CancellationToken ct)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl($"http://127.0.0.1:{port}/hub", HttpTransportType.WebSockets, o => o.SkipNegotiation = true)
            .Build();
        connection.On<string>("event", payload => arrivals.Record(index, Arrivals.Sequence(Encoding.UTF8.GetBytes(payload))));
        await connection.StartAsync(ct);
        return connection;
    }

    private static async Task<IAsyncDisposable> WebSocketAsync(int port, int index, Arrivals arrivals, CancellationToken ct)
    {
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri($"ws://127.0.0.1:{port}/ws"), ct);
        _ = ReceiveAsync(socket, index, arrivals);
        return new SocketHandle(socket);
    }

    private static async Task ReceiveAsync(ClientWebSocket socket, int index, Arrivals arrivals)
    {
        var buffer = new byte[4096];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var read = await socket.ReceiveAsync(buffer, CancellationToken.None);
                if (read.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                arrivals.Record(index, Arrivals.Sequence(buffer.AsSpan(0, read.Count)));
            }
        }
        catch (WebSocketException)
        {
            // Counted as a missing arrival.
        }
    }

    private sealed class SocketHandle(ClientWebSocket socket) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            socket.Abort();
            socket.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
