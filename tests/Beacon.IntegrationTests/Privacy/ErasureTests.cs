using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Beacon.IntegrationTests.Enrichment;
using Beacon.IntegrationTests.Leads;
using Beacon.TestKit;
using Shouldly;
using Xunit;
using static Beacon.IntegrationTests.Privacy.PrivacyHarness;

namespace Beacon.IntegrationTests.Privacy;

[Collection(EnrichmentCollection.Name)]
public sealed class ErasureTests(EnrichmentFixture sandbox)
{
    [Fact]
    public async Task An_erased_lead_that_was_scored_enriched_updated_and_annotated_leaves_its_email_phone_and_name_in_no_column_of_any_table()
    {
        await using var h = await StartAsync(sandbox);
        var person = Person.Distinctive();
        var lead = await h.CreateLeadAsync(new
        {
            firstName = person.FirstName,
            lastName = person.LastName,
            email = person.Email,
            phone = person.PhoneAsEntered,
            type = "seller",
            propertyAddress = new { street = "3526 High Street", city = "Sacramento", state = "CA", zip = "95838" },
            message = $"Hi, this is {person.FirstName} {person.LastName}, call me on {person.PhoneAsEntered}",
        });
        await h.UntilStateAsync(lead, "property", "complete");
        await Poller.UntilAsync(() => ScoreAsync(h.Client, lead), s => s.GetProperty("status").GetString() == "scored",
            because: "the lead is scored");
        (await h.Client.PostAsJsonAsync($"/api/v1/leads/{lead}/activities",
            new { type = "note", body = $"Spoke to {person.FirstName}; e-mail {person.Email}" })).EnsureSuccessStatusCode();
        (await h.Client.PatchAsJsonAsync($"/api/v1/leads/{lead}", new { timeline = "0-3 months", lastName = person.LastName + "x" }))
            .EnsureSuccessStatusCode();
        (await h.Client.PostAsJsonAsync($"/api/v1/leads/{lead}/consents", new
        {
            purpose = "email_marketing",
            decision = "granted",
            source = "web form",
            textShown = $"Yes, e-mail {person.Email} news",
        })).EnsureSuccessStatusCode();
        await QuietAsync(sandbox, h.Session.TenantId);
        (await ColumnsContainingAsync(sandbox.Database, person.Needles)).ShouldNotBeEmpty("the person's data is stored before erasure");

        var export = await h.Client.GetAsync($"/api/v1/leads/{lead}/export");
        await export.EnsureSuccessAsync();
        export.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        var document = await export.Content.ReadFromJsonAsync<JsonElement>(ApiClient.Json);
        var sections = document.GetProperty("sections");
        sections.GetProperty("lead").GetProperty("lead").GetProperty("emails")[0].GetString().ShouldBe(person.Email);
        sections.GetProperty("lead").GetProperty("timeline").GetArrayLength().ShouldBeGreaterThan(1);
        sections.GetProperty("score").GetProperty("logic").GetString()!.ShouldContain("object");
        sections.GetProperty("score").GetProperty("reasons").GetArrayLength().ShouldBeGreaterThan(0);
        sections.GetProperty("score").TryGetProperty("modelVersion", out _).ShouldBeTrue();
        EnrichmentHarness.Step(sections.GetProperty("enrichment").GetProperty("enrichment"), "property")!.Value.GetProperty("fields")
            .EnumerateObject().First().Value.GetProperty("provider").GetString().ShouldBe("property");
        sections.GetProperty("consents").GetProperty("history")[0].GetProperty("purpose").GetString().ShouldBe("email_marketing");

        var erase = await h.Client.PostAsJsonAsync($"/api/v1/leads/{lead}/erase", new { reason = "data subject request, ticket 4711" });
        await erase.EnsureSuccessAsync();
        (await erase.Content.ReadFromJsonAsync<JsonElement>(ApiClient.Json)).GetProperty("basis").GetString().ShouldBe("request");
        await QuietAsync(sandbox, h.Session.TenantId);

        (await ColumnsContainingAsync(sandbox.Database, person.Needles)).ShouldBeEmpty();
        (await sandbox.Database.ScalarAsync<long>("SELECT count(*) FROM privacy.erasures WHERE lead_id = $1", lead)).ShouldBe(1);
        (await h.Client.GetAsync($"/api/v1/leads/{lead}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_person_captured_again_after_erasure_is_a_new_lead()
    {
        await using var h = await StartAsync(sandbox);
        var person = Person.Distinctive();
        var first = await h.CreateLeadAsync(new { email = person.Email, phone = person.PhoneAsEntered });
        await (await h.Client.PostAsJsonAsync($"/api/v1/leads/{first}/erase", new { reason = "data subject request" })).EnsureSuccessAsync();

        var again = await h.CreateLeadAsync(new { email = person.Email, phone = person.PhoneAsEntered });

        again.ShouldNotBe(first);
    }

    [Fact]
    public async Task Erasure_drops_queued_work_quoting_the_person_but_keeps_others_work_that_merely_contains_their_first_name()
    {
        await using var h = await StartAsync(sandbox);
        var lead = await h.CreateLeadAsync(new { firstName = "Ann", lastName = "Quist", email = Person.Distinctive().Email });
        // Due in a year: no worker takes them while the test looks.
        const string Queue = """
            INSERT INTO platform.jobs (tenant_id, handler, message_id, payload, run_at)
            VALUES ($1, 'diagnostics.probe', gen_random_uuid(), jsonb_build_object('note', $2::text), now() + interval '1 year')
            """;
        await sandbox.Database.ScalarAsync<int>(Queue, h.Session.TenantId, "annual review for another client");
        await sandbox.Database.ScalarAsync<int>(Queue, h.Session.TenantId, "call Ann Quist back");

        await (await h.Client.PostAsJsonAsync($"/api/v1/leads/{lead}/erase", new { reason = "data subject request" })).EnsureSuccessAsync();

        const string Count = "SELECT count(*) FROM platform.jobs WHERE tenant_id = $1 AND payload->>'note' = $2";
        (await sandbox.Database.ScalarAsync<long>(Count, h.Session.TenantId, "call Ann Quist back")).ShouldBe(0, "it quotes the person");
        (await sandbox.Database.ScalarAsync<long>(Count, h.Session.TenantId, "annual review for another client"))
            .ShouldBe(1, "another's work that contains \"ann\" is not the person's");
    }

    [Fact]
    public async Task Erasing_an_unknown_lead_is_404_and_erasing_twice_is_409_both_as_problem_details()
    {
        await using var h = await StartAsync(sandbox);
        var unknown = await h.Client.PostAsJsonAsync($"/api/v1/leads/{Guid.NewGuid()}/erase", new { reason = "data subject request" });
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        unknown.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");

        var lead = await h.CreateLeadAsync(new { email = Person.Distinctive().Email });
        await (await h.Client.PostAsJsonAsync($"/api/v1/leads/{lead}/erase", new { reason = "data subject request" })).EnsureSuccessAsync();
        var twice = await h.Client.PostAsJsonAsync($"/api/v1/leads/{lead}/erase", new { reason = "data subject request" });
        twice.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await twice.Content.ReadFromJsonAsync<JsonElement>(ApiClient.Json)).GetProperty("title").GetString()!.ShouldContain("already erased");
    }

    [Fact]
    public async Task Erasure_without_a_reason_is_400_naming_reason_and_by_a_team_lead_is_403_and_neither_changes_anything()
    {
        await using var h = await StartAsync(sandbox);
        var lead = await h.CreateLeadAsync(new { email = Person.Distinctive().Email });

        var noReason = await h.Client.PostAsJsonAsync($"/api/v1/leads/{lead}/erase", new { });
        noReason.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await noReason.Content.ReadFromJsonAsync<JsonElement>(ApiClient.Json)).GetProperty("errors").TryGetProperty("reason", out _)
            .ShouldBeTrue();
        var blankReason = await h.Client.PostAsJsonAsync($"/api/v1/leads/{lead}/erase", new { reason = "  x  " });
        blankReason.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await blankReason.Content.ReadFromJsonAsync<JsonElement>(ApiClient.Json)).GetProperty("errors").TryGetProperty("reason", out _)
            .ShouldBeTrue();
        var (_, _, teamLead) = await ApiClient.AddMemberAsync(h.Session, h.Factory.CreateClient, "team_lead");
        (await teamLead.PostAsJsonAsync($"/api/v1/leads/{lead}/erase", new { reason = "data subject request" })).StatusCode
            .ShouldBe(HttpStatusCode.Forbidden);

        (await h.Client.GetAsync($"/api/v1/leads/{lead}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await sandbox.Database.ScalarAsync<long>("SELECT count(*) FROM privacy.erasures WHERE lead_id = $1", lead)).ShouldBe(0);
    }

    [Fact]
    public async Task The_export_of_an_unknown_lead_is_404()
    {
        await using var h = await StartAsync(sandbox);
        (await h.Client.GetAsync($"/api/v1/leads/{Guid.NewGuid()}/export")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}

/// <summary>A person whose e-mail, phone and names appear nowhere else in the database.</summary>
internal sealed record Person(string FirstName, string LastName, string Email, string PhoneAsEntered, string PhoneE164)
{
    public IReadOnlyList<string> Needles =>
        [Email, PhoneAsEntered, PhoneE164, PhoneE164[2..], FirstName, LastName, $"{FirstName} {LastName}"];

    public static Person Distinctive()
    {
        var letters = new string([.. Guid.NewGuid().ToString("N")[..8].Select(c => (char)('a' + (c % 26)))]);
        var digits = Random.Shared.Next(2_000_000, 9_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new Person("Zephyrine" + letters, "Quillfeather" + letters, $"zq.{letters}@erasure.example",
            $"(916) {digits[..3]}-{digits[3..]}", $"+1916{digits}");
    }
}
