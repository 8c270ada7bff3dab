using System.Net;
using System.Net.Http.Json;
using Shouldly;

namespace Beacon.Sandbox.Tests;

public sealed class CallCounterTests : IDisposable
{
    private readonly SandboxApp _app = new();

    [Fact]
    public async Task Calls_are_counted_per_provider_and_endpoint_and_only_200s_are_billable()
    {
        var property = _app.Property();
        (await property.GetAsync("/property/v1/detail?address1=3526%20High%20St", TestContext.Current.CancellationToken)).Dispose();
        (await property.GetAsync("/property/v1/detail?address1=1%20Nowhere%20Ln", TestContext.Current.CancellationToken)).Dispose();
        (await _app.Person().GetAsync("/person/v2/lookups/lk_x", TestContext.Current.CancellationToken)).Dispose();

        var calls = await Json.ReadAsync(await _app.Admin().GetAsync("/_sandbox/calls", TestContext.Current.CancellationToken));

        calls.At("total").GetInt32().ShouldBe(3);
        calls.At("providers.property.calls").GetInt32().ShouldBe(2);
        calls.At("providers.property.billable").GetInt32().ShouldBe(1);
        calls.At("providers.property.endpoints").GetProperty("GET /property/v1/detail").GetInt32().ShouldBe(2);
        calls.At("providers.property.statuses.404").GetInt32().ShouldBe(1);
        calls.At("providers.person.endpoints").GetProperty("GET /person/v2/lookups/{id}").GetInt32().ShouldBe(1);
        calls.At("providers.credit.calls").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task Reset_zeroes_the_counters_and_restores_the_start_knobs()
    {
        await _app.SetKnobsAsync("property", new { outage = "Unavailable" });
        using var refused = await _app.Property().GetAsync("/property/v1/detail?address1=x", TestContext.Current.CancellationToken);

        var before = await Json.ReadAsync(await _app.Admin().GetAsync("/_sandbox/calls", TestContext.Current.CancellationToken));
        (await _app.Admin().PostAsync("/_sandbox/reset", null, TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var after = await Json.ReadAsync(await _app.Admin().GetAsync("/_sandbox/calls", TestContext.Current.CancellationToken));
        var knobs = await _app.Admin().GetFromJsonAsync<Dictionary<string, Dictionary<string, object>>>(
            "/_sandbox/knobs", TestContext.Current.CancellationToken);

        before.At("providers.property.calls").GetInt32().ShouldBe(1);
        before.At("providers.property.billable").GetInt32().ShouldBe(0);
        after.At("total").GetInt32().ShouldBe(0);
        knobs!["property"]["outage"].ToString().ShouldBe("None");
    }

    public void Dispose() => _app.Dispose();
}
