using System.Net;
using System.Net.Sockets;

namespace Beacon.Webhooks.Targets;

/// <summary>
/// The delivery client's <see cref="SocketsHttpHandler.ConnectCallback"/>: resolves the host itself, keeps only the
/// permitted addresses and connects to one of those, so the address checked is the address connected to.
/// </summary>
internal static class GuardedConnection
{
    public static SocketsHttpHandler Handler(TargetGuard guard) => new()
    {
        // A redirect would be a second, unchecked target; a proxy would connect on our behalf, unchecked.
        AllowAutoRedirect = false,
        UseProxy = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectCallback = (context, ct) => ConnectAsync(guard, context.DnsEndPoint, ct),
    };

    public static async ValueTask<Stream> ConnectAsync(TargetGuard guard, DnsEndPoint endPoint, CancellationToken ct)
    {
        var addresses = await guard.PermittedAddressesAsync(endPoint.Host, ct);
        if (addresses.Length == 0)
        {
            throw new HttpRequestException($"Refused to connect to '{endPoint.Host}': it resolves only to forbidden addresses.");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, endPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
