using System.Net.Http.Json;
using System.Text.Json;
using Beacon.TestKit;
using Shouldly;
using Xunit;
using static Beacon.IntegrationTests.Enrichment.EnrichmentHarness;

namespace Beacon.IntegrationTests.Enrichment;

/// <summary>
/// A lead with no time zone of its own takes the zone of where the people-data provider places the person (source
/// <c>enrichment</c>), so quiet hours follow its clock; a zone from the lead's address is never replaced.
/// </summary>
[Collection(EnrichmentCollection.Name)]
public sealed class ZoneFromEnrichmentTests(EnrichmentFixture sandbox)
{
    [Fact]
    public async Task A_lead_with_only_an_email_gets_the_zone_of_the_place_the_person_provider_gives_recorded_as_enrichment()
    {
        await using var h = await StartAsync(sandbox);
        await sandbox.KnobsAsync("person", new { coldModulus = 0, noMatchModulus = 0 });
        var lead = await h.CreateLeadAsync(new { firstName = "Priya", email = $"priya.okafor.{Guid.NewGuid():N}@example.com" });
        (await LeadAsync(h, lead)).GetProperty("timeZone").ValueKind.ShouldBe(JsonValueKind.Null, "no zone, no address, no phone");
        await h.ConsentAsync(lead);

        var view = await h.UntilStateAsync(lead, "person", "complete");

        // The sandbox's places are in five states; the zone most of each state's people live in.
        var region = Field(view, "person", "location")!.Split(", ")[1];
        var expected = region switch { "arizona" => "America/Phoenix", "texas" => "America/Chicago", _ => "America/Los_Angeles" };
        var updated = await Poller.UntilAsync(() => LeadAsync(h, lead), l => l.GetProperty("timeZone").ValueKind != JsonValueKind.Null,
            because: $"Leads takes the zone of {region} from the enrichment");
        updated.GetProperty("timeZone").GetString().ShouldBe(expected);
        updated.GetProperty("timeZoneSource").GetString().ShouldBe("enrichment");

        await (await h.Client.PatchAsJsonAsync($"/api/v1/leads/{lead}", new { firstName = "Priya Ann" })).EnsureSuccessAsync();
        (await LeadAsync(h, lead)).GetProperty("timeZone").GetString().ShouldBe(expected, "an edit keeps the enriched zone");
    }

    [Fact]
    public async Task A_zone_estimated_from_the_leads_address_is_kept_when_the_person_provider_places_them_elsewhere()
    {
        await using var h = await StartAsync(sandbox);
        await sandbox.KnobsAsync("person", new { coldModulus = 0, noMatchModulus = 0 });
        var lead = await h.CreateLeadAsync(SacramentoLead());
        await h.ConsentAsync(lead);

        await h.UntilStateAsync(lead, "person", "complete");
        await Poller.UntilAsync(() => h.EventCountAsync(lead, "lead.enriched"), n => n >= 2, because: "person and property answered");

        var row = await LeadAsync(h, lead);
        row.GetProperty("timeZone").GetString().ShouldBe("America/Los_Angeles");
        row.GetProperty("timeZoneSource").GetString().ShouldBe("zip");
    }

    private static async Task<JsonElement> LeadAsync(EnrichmentHarness h, Guid lead) =>
        await h.Client.GetFromJsonAsync<JsonElement>($"/api/v1/leads/{lead}", ApiClient.Json);
}
