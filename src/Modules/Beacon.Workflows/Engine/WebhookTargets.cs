using System.Net;
using System.Net.Sockets;
using Beacon.SharedKernel.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Beacon.Workflows.Engine;

/// <summary>
/// Where a webhook step may connect: a team lead types the URL, so outside development it may not reach this host,
/// our private networks or the cloud metadata service (<see cref="ForbiddenRanges"/>, as Beacon.Webhooks' targets).
/// Checked when the workflow is saved and again at every connection (<see cref="GuardedConnection"/>), since a name's
/// DNS answer may change in between.
/// </summary>
internal sealed class WebhookTargets(IOptions<WorkflowWebhookOptions> options, IHostEnvironment environment)
{
    public bool AllowsPrivateTargets { get; } = options.Value.AllowPrivateTargets ?? environment.IsDevelopment();

    public async Task<IPAddress[]> PermittedAddressesAsync(string host, CancellationToken ct)
    {
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        return AllowsPrivateTargets ? addresses : [.. addresses.Where(a => !ForbiddenRanges.Contains(a))];
    }

    /// <summary>Null when the URL's host may be called, else why not (for a 400 naming the step's <c>url</c>).</summary>
    public async Task<string?> RefusalAsync(Uri url, CancellationToken ct)
    {
        try
        {
            return (await PermittedAddressesAsync(url.IdnHost, ct)).Length == 0
                ? "Must not point to a loopback, private, link-local, shared (CGNAT), multicast or reserved address."
                : null;
        }
        catch (SocketException)
        {
            return $"The host '{url.Host}' does not resolve.";
        }
    }
}
