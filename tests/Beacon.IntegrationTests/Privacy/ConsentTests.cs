using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Beacon.IntegrationTests.Enrichment;
using Beacon.TestKit;
using Shouldly;
using Xunit;
using static Beacon.IntegrationTests.Privacy.PrivacyHarness;

namespace Beacon.IntegrationTests.Privacy;

[Collection(EnrichmentCollection.Name)]
public sealed class ConsentTests(EnrichmentFixture sandbox)
{
    [Fact]
    public async Task An_objection_to_profiling_removes_the_score_and_enrichment_and_later_changes_do_not_bring_them_back()
    {
        await using var h = await StartAsync(sandbox);
        var lead = await h.CreateLeadAsync(EnrichmentHarness.SacramentoLead());
        await h.UntilStateAsync(lead, "property", "complete");
        await Poller.UntilAsync(() => ScoreAsync(h.Client, lead), s => s.GetProperty("status").GetString() == "scored",
            because: "the lead is scored");

        var objected = await h.Client.PostAsJsonAsync($"/api/v1/leads/{lead}/consents",
            new { purpose = "profiling", decision = "objected", source = "phone call", reason = "does not want to be profiled" });
        await objected.EnsureSuccessAsync();
        Purpose(await objected.Content.ReadFromJsonAsync<JsonElement>(ApiClient.Json), "profiling").GetProperty("status")
            .GetString().ShouldBe("objected");

        await Poller.UntilAsync(() => ScoreAsync(h.Client, lead), s => s.GetProperty("status").GetString() == "objected",
            because: "the score is removed and the lead says why it has none");
        var enrichment = await Poller.UntilAsync(() => h.EnrichmentAsync(lead),
            v => v.GetProperty("providers").EnumerateArray().All(p => p.GetProperty("state").GetString() == "skipped_no_consent"),
            because: "enrichment stops");
        enrichment.GetProperty("providers").EnumerateArray().ShouldAllBe(p => !p.GetProperty("fields").EnumerateObject().Any());

        var calls = (await h.CallsAsync()).GetProperty("total").GetInt64();
        (await h.Client.PostAsJsonAsync($"/api/v1/leads/{lead}/activities", new { type = "call", body = "called back" }))
            .EnsureSuccessStatusCode();
        (await h.Client.PatchAsJsonAsync($"/api/v1/leads/{lead}",
            new { propertyAddress = new { street = "51 Omaha Ct", city = "Sacramento", state = "CA", zip = "95823" } })).EnsureSuccessStatusCode();
        await QuietAsync(sandbox, h.Session.TenantId);

        (await ScoreAsync(h.Client, lead)).GetProperty("status").GetString().ShouldBe("objected");
        (await h.CallsAsync()).GetProperty("total").GetInt64().ShouldBe(calls);
        (await sandbox.Database.ScalarAsync<long>("SELECT count(*) FROM scoring.scores WHERE lead_id = $1", lead)).ShouldBe(0);
    }

    [Fact]
    public async Task Consents_per_purpose_keep_their_history_when_withdrawn_and_show_the_latest_state()
    {
        await using var h = await StartAsync(sandbox);
        var lead = await h.CreateLeadAsync(new { email = Person.Distinctive().Email });

        (await h.Client.PostAsJsonAsync($"/api/v1/leads/{lead}/consents", new
        {
            purpose = "sms_marketing",
            decision = "granted",
            source = "open house sign-in sheet",
            textShown = "I agree to receive text messages about listings.",
            givenAt = "2026-11-02T15:00:00Z",
        })).EnsureSuccessStatusCode();
        var withdrawn = await h.Client.PostAsJsonAsync($"/api/v1/leads/{lead}/consents",
            new { purpose = "sms_marketing", decision = "withdrawn", source = "replied STOP" });
        await withdrawn.EnsureSuccessAsync();

        var view = await h.Client.GetFromJsonAsync<JsonElement>($"/api/v1/leads/{lead}/consents", ApiClient.Json);
        Purpose(view, "sms_marketing").GetProperty("status").GetString().ShouldBe("withdrawn");
        Purpose(view, "email_marketing").GetProperty("status").GetString().ShouldBe("unknown");
        view.GetProperty("purposes").GetArrayLength().ShouldBe(5);
        var history = view.GetProperty("history").EnumerateArray().ToList();
        history.Select(e => e.GetProperty("decision").GetString()).ShouldBe(["withdrawn", "granted"]);
        history[1].GetProperty("textShown").GetString().ShouldBe("I agree to receive text messages about listings.");
        history[1].GetProperty("givenAt").GetDateTimeOffset().ShouldBe(DateTimeOffset.Parse("2026-11-02T15:00:00Z",
            System.Globalization.CultureInfo.InvariantCulture));
        history[0].GetProperty("actorId").GetGuid().ShouldBe(h.Session.UserId);
    }

    [Theory]
    [InlineData("""{"purpose":"telepathy","decision":"granted","source":"web","textShown":"t"}""", "purpose")]
    [InlineData("""{"purpose":"calls","decision":"maybe","source":"web"}""", "decision")]
    [InlineData("""{"purpose":"calls","decision":"granted","source":"web"}""", "textShown")]
    [InlineData("""{"purpose":"calls","decision":"objected"}""", "source")]
    [InlineData("""{"purpose":"calls","decision":"withdrawn","source":"web","givenAt":"2099-01-01T00:00:00Z"}""", "givenAt")]
    public async Task A_bad_consent_is_400_naming_the_field_and_records_nothing(string body, string field)
    {
        await using var h = await StartAsync(sandbox);
        var lead = await h.CreateLeadAsync(new { email = Person.Distinctive().Email });

        var response = await h.Client.PostAsync($"/api/v1/leads/{lead}/consents",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>(ApiClient.Json)).GetProperty("errors");
        errors.EnumerateObject().Select(e => e.Name).ShouldContain(n => string.Equals(n, field, StringComparison.OrdinalIgnoreCase));
        (await sandbox.Database.ScalarAsync<long>("SELECT count(*) FROM privacy.consents WHERE lead_id = $1", lead)).ShouldBe(0);
    }

    private static JsonElement Purpose(JsonElement view, string purpose) =>
        view.GetProperty("purposes").EnumerateArray().Single(p => p.GetProperty("purpose").GetString() == purpose);
}
