using System.Net;
using Shouldly;

namespace Beacon.Sandbox.Tests;

public sealed class AdminAccessTests
{
    [Fact]
    public async Task The_admin_api_refuses_callers_that_are_not_on_loopback()
    {
        using var remote = new SandboxApp { RemoteIp = IPAddress.Parse("192.0.2.10") };
        using var local = new SandboxApp { RemoteIp = IPAddress.IPv6Loopback };

        using var refused = await remote.Admin().PostAsync("/_sandbox/reset", null, TestContext.Current.CancellationToken);
        using var allowed = await local.Admin().PostAsync("/_sandbox/reset", null, TestContext.Current.CancellationToken);

        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        allowed.StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }
}
