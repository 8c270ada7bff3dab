using System.Net.Http.Json;
using System.Text.Json;
using Beacon.IntegrationTests.Leads;
using Beacon.TestKit;
using Shouldly;
using Xunit;
using static Beacon.IntegrationTests.Enrichment.EnrichmentHarness;

namespace Beacon.IntegrationTests.Enrichment;

/// <summary>
/// Decisions about a step that meet each other: the capture's dispatch and a consent, an objection, a lead change on
/// another node, a withdrawal while the bureau is answering. Each lead is a fresh chance for the interleaving, so the
/// tests use several leads at once; the outcome must not depend on which write lands last.
/// </summary>
[Collection(EnrichmentCollection.Name)]
public sealed class RaceTests(EnrichmentFixture sandbox)
{
    private const int Leads = 12;

    private static readonly Dictionary<string, string?> CreditOnly = new()
    {
        ["Beacon:Enrichment:Property:BaseUrl"] = "",
        ["Beacon:Enrichment:Person:BaseUrl"] = "",
    };

    private static readonly string[] Final = ["complete", "no_match", "failed", "skipped_no_consent", "budget_exhausted"];

    [Fact]
    public async Task A_consent_recorded_while_the_capture_dispatch_is_deciding_wins_over_its_no_consent()
    {
        await using var h = await StartAsync(sandbox, CreditOnly);
        // The capture's dispatch reads "no consent", then waits at its first write to enrichment.fields (it clears the
        // credit fields as it settles the step as skipped); the consent is recorded in that window.
        await using var pause = await TableWritePause.HoldAsync(sandbox.Database, "enrichment.fields");
        var lead = await h.CreateLeadAsync(Subject(0));
        await Poller.UntilAsync(() => TableWritePause.WaitingAsync(sandbox.Database), n => n >= 1,
            because: "the capture's dispatch has decided and waits to write");
        var consent = h.ConsentAsync(lead);
        await Poller.UntilAsync(async () => consent.IsCompleted || await TableWritePause.WaitingAsync(sandbox.Database) >= 2,
            done => done, because: "the consent is recorded, or waits for the capture's decision");
        await pause.ReleaseAsync();
        await consent;

        var view = await UntilFinalAsync(h, lead, "credit");
        State(view, "credit").ShouldBeOneOf(["complete", "no_match"], "the later consent wins over the stale \"no consent\"");
        (await CallsAsync(h, "credit", 1)).ShouldBe(1);
    }

    [Fact]
    public async Task A_consent_recorded_right_after_capture_runs_the_credit_step_exactly_once_for_every_lead()
    {
        await using var h = await StartAsync(sandbox);
        var leads = await Task.WhenAll(Enumerable.Range(0, Leads).Select(async i =>
        {
            var lead = await h.CreateLeadAsync(Subject(i));
            await h.ConsentAsync(lead);
            return lead;
        }));

        foreach (var lead in leads)
        {
            var view = await UntilFinalAsync(h, lead, "credit");
            State(view, "credit").ShouldBeOneOf(["complete", "no_match"], $"lead {lead}: the consent wins over the capture's stale \"no consent\"");
        }

        (await CallsAsync(h, "credit", Leads)).ShouldBe(Leads, "one bureau call per lead: none lost, none twice");
    }

    [Fact]
    public async Task An_objection_recorded_while_the_capture_dispatch_is_deciding_stops_every_step_and_keeps_no_data()
    {
        await using var h = await StartAsync(sandbox);
        // The capture's dispatch reads "no objection", then waits at its first write to enrichment.runs (the property
        // step it is about to call); the objection is recorded in that window.
        var pause = await TableWritePause.HoldAsync(sandbox.Database, "enrichment.runs");
        var lead = await h.CreateLeadAsync(Subject(0));
        await Poller.UntilAsync(() => TableWritePause.WaitingAsync(sandbox.Database), n => n >= 1,
            because: "the capture's dispatch has decided and waits to write");
        var objection = h.Client.PostAsJsonAsync($"/api/v1/leads/{lead}/enrichment/objection", new { reason = "stop" });
        await Poller.UntilAsync(async () => objection.IsCompleted || await TableWritePause.WaitingAsync(sandbox.Database) >= 2,
            done => done, because: "the objection is recorded, or waits for the capture's decision");
        await pause.DisposeAsync();
        await (await objection).EnsureSuccessAsync();

        var view = await Poller.UntilAsync(() => h.EnrichmentAsync(lead),
            v => v.GetProperty("providers").GetArrayLength() == 3 && !v.GetProperty("pending").GetBoolean(),
            TimeSpan.FromSeconds(30), "every step is settled");
        view.GetProperty("providers").EnumerateArray().ShouldAllBe(p => p.GetProperty("state").GetString() == "skipped_no_consent");
        // Whatever a call the capture had started brought back is discarded, not stored.
        (await sandbox.Database.ScalarAsync<long>("SELECT count(*) FROM enrichment.fields WHERE lead_id = $1", lead)).ShouldBe(0);
        (await sandbox.Database.ScalarAsync<long>("SELECT count(*) FROM enrichment.cache WHERE source_lead_id = $1", lead)).ShouldBe(0);
    }

    [Fact]
    public async Task A_lead_changed_right_after_capture_on_two_nodes_asks_each_provider_once()
    {
        // A generous timeout: a timed-out call is retried, and a retry is not the double call this test looks for.
        var settings = new Dictionary<string, string?> { ["Beacon:Enrichment:Person:Timeout"] = "00:00:30" };
        await using var h = await StartAsync(sandbox, settings);
        await using var second = new BeaconFactory(sandbox.Database, sandbox.Settings(settings));
        second.CreateClient().Dispose(); // a second node on the same database: its workers take jobs too
        await sandbox.KnobsAsync("person", new { coldModulus = 0, noMatchModulus = 0 });
        var leads = await Task.WhenAll(Enumerable.Range(0, Leads).Select(async i =>
        {
            var lead = await h.CreateLeadAsync(Subject(i));
            // A change of a field the providers read (the time zone) without changing what they are asked.
            var response = await h.Client.PatchAsJsonAsync($"/api/v1/leads/{lead}", new { timeZone = "America/Los_Angeles" });
            await response.EnsureSuccessAsync();
            return lead;
        }));

        foreach (var lead in leads)
        {
            var view = await UntilFinalAsync(h, lead, "person");
            State(view, "person").ShouldBe("complete");
        }

        (await CallsAsync(h, "person", Leads)).ShouldBe(Leads, "the same question is asked once per lead, whichever node handles which event");
    }

    [Fact]
    public async Task A_consent_withdrawn_while_the_bureau_is_answering_discards_the_answer()
    {
        await using var h = await StartAsync(sandbox, new Dictionary<string, string?> { ["Beacon:Enrichment:Credit:Timeout"] = "00:00:30" });
        await sandbox.KnobsAsync("credit", new { latencyMs = "1500" });
        var lead = await h.CreateLeadAsync(Subject(0));
        await h.UntilStateAsync(lead, "credit", "skipped_no_consent");
        await h.ConsentAsync(lead);
        await Poller.UntilAsync(() => h.CallCountAsync("credit"), n => n == 1, because: "the bureau is being asked");

        await h.ConsentAsync(lead);
        await h.ConsentAsync(lead, agreed: false);

        // The bureau's answer arrives after the withdrawal; once it is accounted for, nothing of it may be kept.
        await CallsAsync(h, "credit", 1);
        var view = await h.EnrichmentAsync(lead);
        State(view, "credit").ShouldBe("skipped_no_consent");
        Step(view, "credit")!.Value.GetProperty("fields").EnumerateObject().ShouldBeEmpty();
        (await CallsAsync(h, "credit", 1)).ShouldBe(1, "a repeated consent while the bureau is asked does not ask again");
        (await sandbox.Database.ScalarAsync<long>(
            "SELECT count(*) FROM enrichment.cache WHERE source_lead_id = $1 AND provider = 'credit'", lead)).ShouldBe(0);
    }

    /// <summary>
    /// The tenant's answered calls to a provider (discarded answers included) once at least <paramref name="atLeast"/>
    /// are in. Not the sandbox's counter: jobs of other tests' tenants in the shared database may call it too.
    /// </summary>
    private static async Task<long> CallsAsync(EnrichmentHarness h, string provider, int atLeast) =>
        Provider(await Poller.UntilAsync(h.ProvidersAsync, p => Provider(p, provider).GetProperty("calls").GetInt64() >= atLeast,
            because: $"{atLeast} {provider} answers are accounted for"), provider).GetProperty("calls").GetInt64();

    /// <summary>A different person per lead (name and e-mail), so no answer comes from the cache.</summary>
    private static object Subject(int i) =>
        SacramentoLead(email: $"race.{i}.{Guid.NewGuid():N}@example.com", firstName: $"Priya{(char)('a' + i)}");

    private static Task<JsonElement> UntilFinalAsync(EnrichmentHarness h, Guid lead, string provider) =>
        Poller.UntilAsync(() => h.EnrichmentAsync(lead), v => Final.Contains(State(v, provider)), TimeSpan.FromSeconds(30),
            $"{provider} of lead {lead} is settled");
}
