using System.Diagnostics;
using System.Net.Http.Json;
using Beacon.TestKit;
using Shouldly;
using Xunit;
using static Beacon.IntegrationTests.Enrichment.EnrichmentHarness;

namespace Beacon.IntegrationTests.Enrichment;

[Collection(EnrichmentCollection.Name)]
public sealed class ResilienceTests(EnrichmentFixture sandbox)
{
    [Fact]
    public async Task A_provider_slower_than_its_timeout_retries_while_the_others_complete_without_waiting()
    {
        await using var h = await StartAsync(sandbox);
        // Every property call outlives the 2 s client timeout by far, so it cannot complete while this knob holds.
        await sandbox.KnobsAsync("property", new { latencyMs = "8000" });
        await sandbox.KnobsAsync("person", new { coldModulus = 0, noMatchModulus = 0 });
        var lead = await h.CreateLeadAsync(SacramentoLead());

        var view = await h.UntilStateAsync(lead, "person", "complete");
        State(view, "property").ShouldNotBe("complete", "the person step completed without waiting for the slow property call");
        view = await Poller.UntilAsync(() => h.EnrichmentAsync(lead),
            v => Step(v, "property")!.Value.GetProperty("attempts").GetInt32() >= 2, because: "the timed-out call is retried");
        State(view, "property").ShouldBe("pending");
        Provider(await h.ProvidersAsync(), "property").GetProperty("errors").GetInt64().ShouldBeGreaterThanOrEqualTo(1, "the timeout counts as an error");
        view.GetProperty("pending").GetBoolean().ShouldBeTrue();

        await sandbox.KnobsAsync("property", new { latencyMs = "0" });
        view = await h.UntilStateAsync(lead, "property", "complete");
        Field(view, "property", "squareFeet").ShouldBe("836");
        Provider(await h.ProvidersAsync(), "property").GetProperty("errors").GetInt64().ShouldBeGreaterThanOrEqualTo(1);
    }

    [Fact]
    public async Task A_provider_in_outage_opens_the_breaker_after_N_failures_and_recovers_through_half_open()
    {
        await using var h = await StartAsync(sandbox, new Dictionary<string, string?>
        {
            ["Beacon:Enrichment:Property:BreakerFailures"] = "3",
            ["Beacon:Enrichment:Property:BreakerOpen"] = "00:00:02",
        });
        await sandbox.KnobsAsync("property", new { outage = "Unavailable", retryAfterSeconds = 0 });
        var streets = new[] { "3526 High St", "51 Omaha Ct", "2796 Branch St", "2805 Janette Way", "6001 Mcmahon Dr" };
        var leads = new List<Guid>();
        foreach (var street in streets)
        {
            leads.Add(await h.CreateLeadAsync(SacramentoLead(street: street)));
        }

        await Poller.UntilAsync(h.ProvidersAsync, p => Provider(p, "property").GetProperty("breaker").GetString() == "open",
            because: "three failures open the breaker");
        // Calls admitted while the breaker was still closed may still be on their way; wait until every call that
        // reached the provider has reported back (the tenant's count catches up with the sandbox's).
        await Poller.UntilAsync(async () => (await h.CallCountAsync("property"),
                Provider(await h.ProvidersAsync(), "property").GetProperty("calls").GetInt64()),
            c => c.Item1 == c.Item2, because: "the calls in flight when the breaker opened have reported back");
        var callsWhenOpen = await h.CallCountAsync("property");
        callsWhenOpen.ShouldBeLessThanOrEqualTo(5);
        await Task.Delay(TimeSpan.FromSeconds(1));
        (await h.CallCountAsync("property")).ShouldBe(callsWhenOpen, "an open breaker lets no call out");

        await sandbox.KnobsAsync("property", new { outage = "None" });
        foreach (var lead in leads)
        {
            await h.UntilStateAsync(lead, "property", "complete", TimeSpan.FromSeconds(30));
        }

        Provider(await h.ProvidersAsync(), "property").GetProperty("breaker").GetString().ShouldBe("closed");
    }

    [Fact]
    public async Task A_429_is_retried_no_sooner_than_its_Retry_After()
    {
        await using var h = await StartAsync(sandbox);
        await sandbox.KnobsAsync("property", new { throttle429Next = 1, retryAfterSeconds = 2 });
        var clock = Stopwatch.StartNew();
        var lead = await h.CreateLeadAsync(SacramentoLead());

        var view = await Poller.UntilAsync(() => h.EnrichmentAsync(lead),
            v => Step(v, "property")?.GetProperty("detail").GetString() == "429 rate limited", because: "the first call is throttled");
        var step = Step(view, "property")!.Value;
        (step.GetProperty("nextAttemptAt").GetDateTimeOffset() - step.GetProperty("updatedAt").GetDateTimeOffset())
            .ShouldBeGreaterThanOrEqualTo(TimeSpan.FromSeconds(2));
        await h.UntilStateAsync(lead, "property", "complete");
        clock.Elapsed.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromSeconds(2));
        (await h.CallCountAsync("property")).ShouldBe(2);
    }

    [Fact]
    public async Task A_202_is_polled_until_the_answer_is_ready()
    {
        await using var h = await StartAsync(sandbox);
        await sandbox.KnobsAsync("person", new { coldModulus = 1, coldRemainder = 0, noMatchModulus = 0, asyncDelayMs = 1200 });
        var lead = await h.CreateLeadAsync(SacramentoLead());

        await Poller.UntilAsync(() => h.EnrichmentAsync(lead),
            v => Step(v, "person")?.GetProperty("detail").GetString() == "accepted (202); polling", because: "the first answer is 202");
        var view = await h.UntilStateAsync(lead, "person", "complete");
        Field(view, "person", "employer").ShouldNotBeNull();
        var endpoints = (await h.CallsAsync()).GetProperty("providers").GetProperty("person").GetProperty("endpoints");
        endpoints.TryGetProperty("GET /person/v2/lookups/{id}", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task A_404_is_no_match_and_is_not_retried()
    {
        await using var h = await StartAsync(sandbox);
        var lead = await h.CreateLeadAsync(SacramentoLead(email: $"x{Guid.NewGuid():N}@nomatch.example"));

        var view = await h.UntilStateAsync(lead, "person", "no_match");
        await h.UntilStateAsync(lead, "property", "complete");

        // Checked rather than waited for: a final step with no fetch job queued cannot call the provider again.
        Step(view, "person")!.Value.GetProperty("attempts").GetInt32().ShouldBe(1);
        (await h.QueuedFetchesAsync(lead, "person")).ShouldBe(0);
        (await h.CallCountAsync("person")).ShouldBe(1);
        Provider(await h.ProvidersAsync(), "person").GetProperty("hitRate").GetDouble().ShouldBe(0);
    }

    [Fact]
    public async Task The_budget_stops_calls_once_spent()
    {
        await using var h = await StartAsync(sandbox);
        var put = await h.Client.PutAsJsonAsync("/api/v1/enrichment/budget", new { monthlyBudgetCents = 10 });
        await put.EnsureSuccessAsync();
        await sandbox.KnobsAsync("person", new { noMatchModulus = 0, coldModulus = 0 });

        var first = await h.CreateLeadAsync(SacramentoLead(street: "3526 High St"));
        await h.UntilStateAsync(first, "property", "complete");
        var second = await h.CreateLeadAsync(SacramentoLead(street: "51 Omaha Ct"));
        var view = await h.UntilStateAsync(second, "property", "budget_exhausted");
        State(view, "person").ShouldBe("budget_exhausted");
        (await h.CallCountAsync("property")).ShouldBe(1);
        var providers = await h.ProvidersAsync();
        providers.GetProperty("budgetCents").GetInt64().ShouldBe(10);
        providers.GetProperty("spentCents").GetInt64().ShouldBeGreaterThanOrEqualTo(10);
    }
}
