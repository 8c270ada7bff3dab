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
    public async Task End_to_end_a_lead_with_an_address_is_enriched_and_rescored_and_both_show_on_the_live_stream()
    {
        await using var h = await StartAsync(sandbox);
        var cursor = (await h.Client.GetFromJsonAsync<JsonElement>("/api/v1/live/events", ApiClient.Json))
            .GetProperty("cursor").GetString();
        var lead = await h.CreateLeadAsync(SacramentoLead());

        var seen = new List<JsonElement>();
        await Poller.UntilAsync(async () =>
        {
            var page = await h.Client.GetFromJsonAsync<JsonElement>($"/api/v1/live/events?after={cursor}&wait=2", ApiClient.Json);
            cursor = page.GetProperty("cursor").GetString();
            seen.AddRange(page.GetProperty("events").EnumerateArray().Select(e => e.Clone()));
            return seen.Count;
        }, _ => Has(seen, "lead.enriched", lead, "property") && Has(seen, "lead.scored", lead, null), TimeSpan.FromSeconds(30),
            "lead.enriched (property) and lead.scored reach the live stream");

        var enriched = seen.First(e => Is(e, "lead.enriched", lead, "property"));
        enriched.GetProperty("data").GetProperty("fields").EnumerateArray().Select(f => f.GetString()).ShouldContain("property.squareFeet");
        var rescored = await Poller.UntilAsync(() => sandbox.Database.ScalarAsync<long>("""
            SELECT count(*) FROM platform.inbox i JOIN platform.events e ON e.tenant_id = i.tenant_id AND e.id = i.message_id
            WHERE i.tenant_id = $1 AND i.handler = 'scoring.rescore-enriched' AND e.payload->>'leadId' = $2
            """, h.Session.TenantId, lead.ToString()), n => n >= 1, because: "scoring re-scores on lead.enriched");
        rescored.ShouldBeGreaterThanOrEqualTo(1);
    }

    private static bool Has(List<JsonElement> events, string type, Guid lead, string? provider) =>
        events.Any(e => Is(e, type, lead, provider));

    private static bool Is(JsonElement e, string type, Guid lead, string? provider) =>
        e.GetProperty("type").GetString() == type
        && e.GetProperty("data").TryGetProperty("leadId", out var id) && id.GetString() == lead.ToString()
        && (provider is null || (e.GetProperty("data").TryGetProperty("provider", out var p) && p.GetString() == provider));

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
