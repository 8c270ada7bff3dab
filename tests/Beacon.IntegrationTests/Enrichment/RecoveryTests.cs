using Beacon.TestKit;
using Shouldly;
using Xunit;
using static Beacon.IntegrationTests.Enrichment.EnrichmentHarness;

namespace Beacon.IntegrationTests.Enrichment;

[Collection(EnrichmentCollection.Name)]
public sealed class RecoveryTests(EnrichmentFixture sandbox)
{
    [Fact]
    public async Task A_call_lost_with_its_node_is_dispatched_again_by_another_node_after_its_lease()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Beacon:Enrichment:Lease"] = "00:00:02",
            ["Beacon:Enrichment:Property:Timeout"] = "00:00:30",
        };
        var first = await StartAsync(sandbox, settings);
        await sandbox.KnobsAsync("property", new { latencyMs = "20000" });
        var lead = await first.CreateLeadAsync(SacramentoLead());
        await Poller.UntilAsync(() => first.CallCountAsync("property"), n => n == 1, because: "the call reaches the provider");
        await first.Factory.DisposeAsync();

        await sandbox.KnobsAsync("property", new { latencyMs = "0" });
        await using var second = new BeaconFactory(sandbox.Database, sandbox.Settings(settings));
        var client = second.CreateClient().WithBearer(first.Session.Tokens.AccessToken);
        var view = await Poller.UntilAsync(async () =>
            System.Text.Json.JsonDocument.Parse(await client.GetStringAsync($"/api/v1/leads/{lead}/enrichment")).RootElement.Clone(),
            v => State(v, "property") == "complete", TimeSpan.FromSeconds(30), "the second node finishes the step");
        Step(view, "property")!.Value.GetProperty("attempts").GetInt32().ShouldBe(2);
        Field(view, "property", "squareFeet").ShouldBe("836");
    }
}
