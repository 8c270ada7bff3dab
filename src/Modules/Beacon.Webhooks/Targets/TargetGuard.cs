using System.Net;
using System.Net.Sockets;
using Beacon.SharedKernel.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Beacon.Webhooks.Targets;

/// <summary>
/// Decides whether a webhook URL may be called: http(s) only and, unless private targets are allowed, no address in
/// <see cref="ForbiddenRanges"/>. Checked when a subscription is saved and again at every connection
/// (<see cref="GuardedConnection"/>), since the name's DNS answer may change in between (DNS rebinding).
/// </summary>
internal sealed class TargetGuard(IOptions<WebhookOptions> options, IHostEnvironment environment)
{
    public bool AllowsPrivateTargets { get; } = options.Value.AllowPrivateTargets ?? environment.IsDevelopment();

    /// <summary>Null when <paramref name="url"/> is acceptable, else why not (for a 400 naming <c>url</c>).</summary>
    public async Task<string?> RefusalAsync(string url, CancellationToken ct)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return "Must be an absolute http or https URL.";
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            return "Must not carry a user name or password; use the signing secret to authenticate Beacon.";
        }

        if (AllowsPrivateTargets)
        {
            return null;
        }

        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(uri.IdnHost, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(uri.IdnHost, ct);
        }
        catch (SocketException)
        {
            return $"The host '{uri.Host}' does not resolve.";
        }

        return addresses.Length == 0 || addresses.Any(ForbiddenRanges.Contains)
            ? "Must not point to a loopback, private, link-local, shared (CGNAT), multicast or reserved address."
            : null;
    }

    /// <summary>The addresses of <paramref name="host"/> a delivery may connect to (all of them when private targets are allowed).</summary>
    public async Task<IPAddress[]> PermittedAddressesAsync(string host, CancellationToken ct)
    {
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        return AllowsPrivateTargets ? addresses : [.. addresses.Where(a => !ForbiddenRanges.Contains(a))];
    }
}
