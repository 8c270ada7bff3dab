using System.Net;

namespace Beacon.SharedKernel.Http;

/// <summary>
/// Addresses a call to a URL a customer typed (a webhook, an SSO provider, a workflow's webhook step) may never reach
/// in production: this host, our private networks, the cloud metadata service (169.254.169.254 sits in link-local),
/// carrier-grade NAT, multicast and reserved space.
/// </summary>
public static class ForbiddenRanges
{
    private static readonly IPNetwork[] Ranges =
    [
        IPNetwork.Parse("0.0.0.0/8"),        // "this network"
        IPNetwork.Parse("10.0.0.0/8"),       // private
        IPNetwork.Parse("100.64.0.0/10"),    // carrier-grade NAT
        IPNetwork.Parse("127.0.0.0/8"),      // loopback
        IPNetwork.Parse("169.254.0.0/16"),   // link-local, cloud metadata
        IPNetwork.Parse("172.16.0.0/12"),    // private
        IPNetwork.Parse("192.0.0.0/24"),     // IETF protocol assignments
        IPNetwork.Parse("192.168.0.0/16"),   // private
        IPNetwork.Parse("198.18.0.0/15"),    // benchmarking
        IPNetwork.Parse("224.0.0.0/4"),      // multicast
        IPNetwork.Parse("240.0.0.0/4"),      // reserved, broadcast
        IPNetwork.Parse("::/128"),           // unspecified
        IPNetwork.Parse("::1/128"),          // loopback
        IPNetwork.Parse("fc00::/7"),         // unique local
        IPNetwork.Parse("fe80::/10"),        // link-local
        IPNetwork.Parse("ff00::/8"),         // multicast
    ];

    public static bool Contains(IPAddress address)
    {
        // ::ffff:127.0.0.1 is 127.0.0.1 to the kernel: judge the IPv4 address it carries.
        var judged = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return Ranges.Any(r => r.Contains(judged));
    }
}
