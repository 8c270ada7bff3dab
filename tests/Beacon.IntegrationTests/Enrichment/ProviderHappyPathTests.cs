using Beacon.TestKit;
using Shouldly;
using Xunit;
using static Beacon.IntegrationTests.Enrichment.EnrichmentHarness;

namespace Beacon.IntegrationTests.Enrichment;

[Collection(EnrichmentCollection.Name)]
public sealed class ProviderHappyPathTests(EnrichmentFixture sandbox)
{
    [Fact]
    public async Task A_Sacramento_address_resolves_to_its_real_sale_and_person_and_credit_complete_with_provenance()
    {
        await using var h = await StartAsync(sandbox);
        await sandbox.KnobsAsync("person", new { coldModulus = 0, noMatchModulus = 0 });
        var lead = await h.CreateLeadAsync(SacramentoLead(street: "3526 HIGH ST."));
        await h.ConsentAsync(lead);

        var view = await h.UntilStateAsync(lead, "property", "complete");
        Field(view, "property", "bedrooms").ShouldBe("2");
        Field(view, "property", "bathrooms").ShouldBe("1");
        Field(view, "property", "squareFeet").ShouldBe("836");
        Field(view, "property", "lastSalePrice").ShouldBe("59222");
        Field(view, "property", "lastSaleDate").ShouldBe("2008-05-21");
        Field(view, "property", "matchedAddress").ShouldBe("3526 HIGH ST, SACRAMENTO, CA 95838");
        decimal.Parse(Field(view, "property", "estimatedValue")!, System.Globalization.CultureInfo.InvariantCulture).ShouldBeGreaterThan(59222m);
        var squareFeet = Step(view, "property")!.Value.GetProperty("fields").GetProperty("squareFeet");
        squareFeet.GetProperty("provider").GetString().ShouldBe("property");
        squareFeet.GetProperty("confidence").GetDouble().ShouldBeGreaterThan(0.5);
        (squareFeet.GetProperty("expiresAt").GetDateTimeOffset() - squareFeet.GetProperty("fetchedAt").GetDateTimeOffset())
            .ShouldBe(TimeSpan.FromDays(30));

        view = await h.UntilStateAsync(lead, "person", "complete");
        Field(view, "person", "employer").ShouldNotBeNullOrWhiteSpace();
        Field(view, "person", "title").ShouldNotBeNullOrWhiteSpace();
        // About 1 person in 10 has no LinkedIn in the sandbox (as in real data): then the field is absent, never empty.
        if (Field(view, "person", "linkedin") is { } linkedin)
        {
            linkedin.ShouldStartWith("linkedin.com/in/");
        }

        view = await Poller.UntilAsync(() => h.EnrichmentAsync(lead), v => State(v, "credit") is "complete" or "no_match",
            because: "the soft pull answers");
        if (State(view, "credit") == "complete")
        {
            Field(view, "credit", "band").ShouldBeOneOf("300-579", "580-669", "670-739", "740-799", "800-850");
        }

        view.GetProperty("pending").GetBoolean().ShouldBeFalse();
        (await h.EventCountAsync(lead, "lead.enriched")).ShouldBeGreaterThanOrEqualTo(2);
        var providers = await h.ProvidersAsync();
        Provider(providers, "property").GetProperty("calls").GetInt64().ShouldBe(1);
        Provider(providers, "property").GetProperty("breaker").GetString().ShouldBe("closed");
        providers.GetProperty("spentCents").GetInt64().ShouldBeGreaterThanOrEqualTo(10);
    }

    [Fact]
    public async Task A_cache_hit_makes_no_call_even_when_the_address_is_spelled_differently()
    {
        await using var h = await StartAsync(sandbox);
        var first = await h.CreateLeadAsync(SacramentoLead(street: "3526 High Street"));
        await h.UntilStateAsync(first, "property", "complete");
        var second = await h.CreateLeadAsync(SacramentoLead(street: "3526 high st"));
        var view = await h.UntilStateAsync(second, "property", "complete");

        Field(view, "property", "squareFeet").ShouldBe("836");
        (await h.CallCountAsync("property")).ShouldBe(1);
        var property = Provider(await h.ProvidersAsync(), "property");
        property.GetProperty("cacheHits").GetInt64().ShouldBe(1);
        property.GetProperty("cacheHitRate").GetDouble().ShouldBe(0.5);
    }

    [Fact]
    public async Task Without_a_recorded_credit_consent_the_credit_step_is_skipped_and_never_called()
    {
        await using var h = await StartAsync(sandbox);
        var lead = await h.CreateLeadAsync(SacramentoLead());
        var view = await h.UntilStateAsync(lead, "credit", "skipped_no_consent");
        (Step(view, "credit")!.Value.GetProperty("detail").GetString() ?? "").ShouldContain("consent");
        await h.UntilStateAsync(lead, "property", "complete");
        (await h.CallCountAsync("credit")).ShouldBe(0);

        await h.ConsentAsync(lead, agreed: false);
        (await h.EnrichmentAsync(lead)).ShouldSatisfyAllConditions(v => State(v, "credit").ShouldBe("skipped_no_consent"));
        (await h.CallCountAsync("credit")).ShouldBe(0);
    }

    [Fact]
    public async Task A_name_the_person_typed_is_not_overwritten_and_the_disagreement_is_recorded()
    {
        await using var h = await StartAsync(sandbox);
        await sandbox.KnobsAsync("person", new { coldModulus = 0, noMatchModulus = 0 });
        var lead = await h.CreateLeadAsync(SacramentoLead(email: $"john.smith{Guid.NewGuid():N}"[..20] + "@example.com", firstName: "Mary"));

        var view = await h.UntilStateAsync(lead, "person", "complete");
        Field(view, "person", "firstName").ShouldBeNull();
        var conflict = view.GetProperty("conflicts").EnumerateArray().Single(c => c.GetProperty("field").GetString() == "person.firstName");
        conflict.GetProperty("typedValue").GetString().ShouldBe("Mary");
        conflict.GetProperty("providerValue").GetString().ShouldNotBe("Mary");
        var stored = await h.Client.GetStringAsync($"/api/v1/leads/{lead}");
        stored.ShouldContain("\"firstName\":\"Mary\"");
    }
}
