using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;

namespace Beacon.Server.Hosting;

/// <summary>
/// Behind a load balancer every connection comes from the balancer: without its <c>X-Forwarded-For</c> the login
/// throttle would count every user as one address and the audit trail would name the balancer. Only hops listed in
/// <c>Beacon:Http:ForwardedHeaders:KnownProxies</c> (addresses) or <c>KnownNetworks</c> (CIDR) are believed; with
/// neither set, a proxy on the same machine (loopback) is, as ASP.NET does by default. A header from anyone else is
/// ignored, so a client cannot choose the address it is throttled or audited under.
/// </summary>
internal static class ForwardedProxies
{
    public const string Section = "Beacon:Http:ForwardedHeaders";

    public static void Configure(ForwardedHeadersOptions options, IConfiguration configuration)
    {
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        var section = configuration.GetSection(Section);
        options.ForwardLimit = section.GetValue<int?>("ForwardLimit") ?? 1;
        var proxies = section.GetSection("KnownProxies").Get<string[]>() ?? [];
        var networks = section.GetSection("KnownNetworks").Get<string[]>() ?? [];
        if (proxies.Length == 0 && networks.Length == 0)
        {
            return;
        }

        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        for (var i = 0; i < proxies.Length; i++)
        {
            options.KnownProxies.Add(IPAddress.TryParse(proxies[i], out var address)
                ? address
                : throw new InvalidOperationException($"{Section}:KnownProxies:{i} is not an IP address: '{proxies[i]}'."));
        }

        for (var i = 0; i < networks.Length; i++)
        {
            options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(networks[i], out var network)
                ? network
                : throw new InvalidOperationException($"{Section}:KnownNetworks:{i} is not a network in CIDR notation: '{networks[i]}'."));
        }
    }
}
