using System.Net;
using System.Net.Sockets;

namespace Beacon.SharedKernel.Http;

/// <summary>
/// A client handler whose <see cref="SocketsHttpHandler.ConnectCallback"/> resolves the host itself, keeps only the
/// addresses the caller permits (see <see cref="ForbiddenRanges"/>) and connects to one of those, so the address
/// checked is the address connected to, even when the name's DNS answer changes after a check (DNS rebinding).
/// </summary>
public static class GuardedConnection
{
    /// <summary>The addresses of a host name that may be connected to (none: the connection is refused).</summary>
    public delegate Task<IPAddress[]> PermittedAddresses(string host, CancellationToken ct);

    public static SocketsHttpHandler Handler(PermittedAddresses permitted) => new()
    {
        // A redirect would be a second, unchecked target; a proxy would connect on our behalf, unchecked.
        AllowAutoRedirect = false,
        UseProxy = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectCallback = (context, ct) => ConnectAsync(permitted, context.DnsEndPoint, ct),
    };

    public static async ValueTask<Stream> ConnectAsync(PermittedAddresses permitted, DnsEndPoint endPoint, CancellationToken ct)
    {
        var addresses = await permitted(endPoint.Host, ct);
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
