using System.Net;
using System.Net.Sockets;
using Beacon.SharedKernel.Http;
using Microsoft.Extensions.Options;

namespace Beacon.Identity.Sso;

/// <summary>
/// Where the server may connect when it calls a brokerage's provider (discovery, keys, token): an admin types the
/// issuer, so without this the server could be pointed at its own network (the cloud metadata service, a database's
/// HTTP port). Loopback is allowed only with <see cref="SsoOptions.AllowLoopbackProviders"/> (the sandbox's provider).
/// </summary>
internal sealed class SsoTargets(IOptions<SsoOptions> options)
{
    public async Task<IPAddress[]> PermittedAddressesAsync(string host, CancellationToken ct)
    {
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        return [.. addresses.Where(a => !ForbiddenRanges.Contains(a) || (options.Value.AllowLoopbackProviders && IsLoopback(a)))];
    }

    /// <summary>Null when the issuer's host may be called, else why not.</summary>
    public async Task<string?> RefusalAsync(Uri issuer, CancellationToken ct)
    {
        try
        {
            return (await PermittedAddressesAsync(issuer.IdnHost, ct)).Length == 0
                ? "The issuer must not be on a private, loopback, link-local or reserved network address."
                : null;
        }
        catch (SocketException)
        {
            return $"The issuer's host '{issuer.Host}' does not resolve.";
        }
    }

    private static bool IsLoopback(IPAddress address) =>
        IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);
}
