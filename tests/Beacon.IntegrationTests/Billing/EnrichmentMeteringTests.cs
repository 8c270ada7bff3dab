using System.Text.Json;
using Beacon.IntegrationTests.Enrichment;
using Beacon.TestKit;
using Shouldly;
using Xunit;
using static Beacon.IntegrationTests.Enrichment.EnrichmentHarness;

namespace Beacon.IntegrationTests.Billing;

/// <summary>Enrichment's provider calls, against the local provider sandbox, metered by provider with their cost.</summary>
[Collection(EnrichmentCollection.Name)]
public sealed class EnrichmentMeteringTests(EnrichmentFixture sandbox)
{
    [Fact]
    public async Task Each_provider_call_is_metered_once_under_its_provider_with_what_it_cost()
    {
        await using var h = await StartAsync(sandbox);
        var lead = await h.CreateLeadAsync(SacramentoLead(street: "3526 HIGH ST."));
        await h.ConsentAsync(lead);
        await h.UntilStateAsync(lead, "property", "complete");
        var property = Provider(await h.ProvidersAsync(), "property");

        var metered = await Poller.UntilAsync(() => PropertyUsageAsync(h.Client),
            u => u.Quantity == property.GetProperty("calls").GetInt64(), BillingApi.MeteringPatience,
            "billing counts what enrichment counted");

        metered.Quantity.ShouldBe(1);
        metered.CostCents.ShouldBe(10, "the property provider's price per call");
    }

    private static async Task<(long Quantity, long CostCents)> PropertyUsageAsync(HttpClient client)
    {
        var response = await client.GetAsync("/api/v1/billing/usage");
        if (!response.IsSuccessStatusCode)
        {
            return (-1, -1); // the subscription is still being started
        }

        var usage = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var calls = usage.GetProperty("meters").EnumerateArray().Single(m => m.GetProperty("meter").GetString() == "enrichment_calls");
        var property = calls.GetProperty("dimensions").EnumerateArray().Where(d => d.GetProperty("dimension").GetString() == "property").ToList();
        return property.Count == 0 ? (0, 0) : (property[0].GetProperty("quantity").GetInt64(), property[0].GetProperty("costCents").GetInt64());
    }
}
