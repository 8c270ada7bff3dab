using System.Net.Http.Json;
using System.Text.Json;
using Beacon.IntegrationTests.Leads;
using Beacon.TestKit;
using Shouldly;
using Xunit;
using static Beacon.IntegrationTests.Enrichment.EnrichmentHarness;

namespace Beacon.IntegrationTests.Enrichment;

[Collection(EnrichmentCollection.Name)]
public sealed class PrivacyAndFlowTests(EnrichmentFixture sandbox)
{
    [Fact]
    public async Task An_EU_subject_gets_the_Art_14_notice_scheduled_within_30_days_and_recorded()
    {
        await using var h = await StartAsync(sandbox);
        var lead = await h.CreateLeadAsync(SacramentoLead(timeZone: "Europe/Berlin"));
        await h.UntilStateAsync(lead, "property", "complete");

        var view = await Poller.UntilAsync(() => h.EnrichmentAsync(lead),
            v => v.GetProperty("notices").GetArrayLength() == 1 && v.GetProperty("notices")[0].GetProperty("issuedAt").ValueKind != JsonValueKind.Null,
            because: "the notice is scheduled and issued");
        var notice = view.GetProperty("notices")[0];
        notice.GetProperty("kind").GetString().ShouldBe("gdpr_art14");
        (notice.GetProperty("dueBy").GetDateTimeOffset() - notice.GetProperty("scheduledFor").GetDateTimeOffset())
            .ShouldBeLessThanOrEqualTo(TimeSpan.FromDays(30));

        var american = await h.CreateLeadAsync(SacramentoLead(street: "51 Omaha Ct", timeZone: "America/Los_Angeles"));
        view = await h.UntilStateAsync(american, "property", "complete");
        view.GetProperty("notices").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task An_objection_stops_enrichment_and_removes_what_was_obtained()
    {
        await using var h = await StartAsync(sandbox);
        var lead = await h.CreateLeadAsync(SacramentoLead());
        await h.UntilStateAsync(lead, "property", "complete");

        var response = await h.Client.PostAsJsonAsync($"/api/v1/leads/{lead}/enrichment/objection", new { reason = "asked us to stop" });
        await response.EnsureSuccessAsync();
        var view = await h.EnrichmentAsync(lead);
        view.GetProperty("objection").GetProperty("reason").GetString().ShouldBe("asked us to stop");
        view.GetProperty("providers").EnumerateArray().ShouldAllBe(p => p.GetProperty("state").GetString() == "skipped_no_consent");
        view.GetProperty("providers").EnumerateArray().ShouldAllBe(p => !p.GetProperty("fields").EnumerateObject().Any());
        (await sandbox.Database.ScalarAsync<long>("SELECT count(*) FROM enrichment.fields WHERE lead_id = $1", lead)).ShouldBe(0);

        var calls = (await h.CallsAsync()).GetProperty("total").GetInt64();
        await h.ConsentAsync(lead);
        State(await h.EnrichmentAsync(lead), "credit").ShouldBe("skipped_no_consent");
        (await h.CallsAsync()).GetProperty("total").GetInt64().ShouldBe(calls);
    }

    [Fact]
    public async Task End_to_end_a_lead_with_an_address_is_enriched_and_lead_enriched_reaches_the_event_log()
    {
        await using var h = await StartAsync(sandbox);
        var lead = await h.CreateLeadAsync(SacramentoLead());
        await h.UntilStateAsync(lead, "property", "complete");

        var payload = await sandbox.Database.ScalarAsync<string>("""
            SELECT payload::text FROM platform.events
            WHERE tenant_id = $1 AND type = 'lead.enriched' AND payload->>'leadId' = $2 AND payload->>'provider' = 'property'
            """, h.Session.TenantId, lead.ToString());
        var e = JsonDocument.Parse(payload!).RootElement;
        e.GetProperty("state").GetString().ShouldBe("complete");
        e.GetProperty("fields").EnumerateArray().Select(f => f.GetString()).ShouldContain("property.squareFeet");
    }

    [Fact]
    public async Task With_no_provider_configured_a_new_lead_is_left_alone()
    {
        await using var factory = new BeaconFactory(sandbox.Database);
        var session = await ApiClient.SignupAsync(factory.CreateClient);
        var lead = (await LeadsApi.CreatedAsync(session.Client, SacramentoLead())).GetProperty("id").GetGuid();
        await Poller.UntilAsync(() => sandbox.Database.ScalarAsync<long>(
            "SELECT count(*) FROM platform.jobs WHERE tenant_id = $1", session.TenantId), n => n == 0, because: "the events are handled");

        var view = await session.Client.GetFromJsonAsync<JsonElement>($"/api/v1/leads/{lead}/enrichment", ApiClient.Json);
        view.GetProperty("providers").GetArrayLength().ShouldBe(0);
        view.GetProperty("pending").GetBoolean().ShouldBeFalse();
    }
}
