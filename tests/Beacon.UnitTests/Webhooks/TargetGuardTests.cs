using System.Net;
using System.Net.Sockets;
using Beacon.SharedKernel.Http;
using Beacon.Webhooks;
using Beacon.Webhooks.Targets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using Shouldly;
using Xunit;

namespace Beacon.UnitTests.Webhooks;

public sealed class TargetGuardTests
{
    private static TargetGuard Guard(bool? allowPrivate, string environment = "Production") =>
        new(Options.Create(new WebhookOptions { AllowPrivateTargets = allowPrivate }), new HostingEnvironment { EnvironmentName = environment });

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("10.0.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.0.1")]
    [InlineData("169.254.169.254")]
    [InlineData("100.127.255.254")]
    [InlineData("224.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("::1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("fe80::1")]
    [InlineData("fc00::1")]
    [InlineData("ff02::1")]
    public void Forbidden_ranges_contain_internal_addresses(string address) =>
        ForbiddenRanges.Contains(IPAddress.Parse(address)).ShouldBeTrue();

    [Theory]
    [InlineData("93.184.215.14")]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("2606:4700::1111")]
    public void Public_addresses_are_not_forbidden(string address) =>
        ForbiddenRanges.Contains(IPAddress.Parse(address)).ShouldBeFalse();

    [Fact]
    public void Private_targets_follow_the_environment_unless_configured()
    {
        Guard(null, Environments.Development).AllowsPrivateTargets.ShouldBeTrue();
        Guard(null, Environments.Production).AllowsPrivateTargets.ShouldBeFalse();
        Guard(false, Environments.Development).AllowsPrivateTargets.ShouldBeFalse();
    }

    [Fact]
    public async Task A_connection_to_a_name_that_resolves_to_loopback_is_refused_at_connect_time()
    {
        // What DNS rebinding does: the name passed the check once, and now answers 127.0.0.1.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        await Should.ThrowAsync<HttpRequestException>(() =>
            GuardedConnection.ConnectAsync(Guard(false).PermittedAddressesAsync, new DnsEndPoint("localhost", port), CancellationToken.None).AsTask());
        await Should.ThrowAsync<HttpRequestException>(() =>
            GuardedConnection.ConnectAsync(Guard(false).PermittedAddressesAsync, new DnsEndPoint("127.0.0.1", port), CancellationToken.None).AsTask());

        await using var allowed = await GuardedConnection.ConnectAsync(Guard(true).PermittedAddressesAsync, new DnsEndPoint("127.0.0.1", port), CancellationToken.None);
        allowed.CanWrite.ShouldBeTrue("with private targets allowed the same address connects");
    }
}
