using System.Net;
using System.Net.Http.Json;
using Beacon.TestKit.Sandbox;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace Beacon.Sandbox.Tests;

public sealed class SandboxProcessTests
{
    private static readonly IHttpClientFactory Clients =
        new ServiceCollection().AddHttpClient().BuildServiceProvider().GetRequiredService<IHttpClientFactory>();

    [Fact]
    public async Task The_sandbox_process_reports_its_port_serves_real_data_and_can_reset_connections()
    {
        await using var sandbox = await SandboxProcess.StartAsync("--Sandbox:Property:ApiKey=process-key");
        var client = Clients.CreateClient();
        client.BaseAddress = sandbox.BaseAddress;
        client.DefaultRequestHeaders.Add("apikey", "process-key");
        var ct = TestContext.Current.CancellationToken;

        sandbox.BaseAddress.Host.ShouldBe("127.0.0.1");
        sandbox.BaseAddress.Port.ShouldBeGreaterThan(0);
        using (var ok = await client.GetAsync("/property/v1/detail?address1=51%20Omaha%20Court&address2=95823", ct))
        {
            ok.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await Json.ReadAsync(ok)).At("property.0.sale.amount.saleamt").GetInt64().ShouldBe(68212);
        }

        (await client.PostAsJsonAsync("/_sandbox/knobs/property", new { outage = "Reset" }, ct)).EnsureSuccessStatusCode();
        await Should.ThrowAsync<HttpRequestException>(() => client.GetAsync("/property/v1/detail?address1=x", ct));

        var calls = await Json.ReadAsync(await client.GetAsync("/_sandbox/calls", ct));
        calls.At("providers.property.statuses.reset").GetInt32().ShouldBe(1);
    }
}
