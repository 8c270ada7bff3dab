using System.Net.Http.Json;
using System.Text.Json;
using Beacon.IntegrationTests.Leads;
using Beacon.TestKit;
using Shouldly;

namespace Beacon.IntegrationTests.Enrichment;

/// <summary>One server pointed at the sandbox, one tenant, and the questions the enrichment tests ask.</summary>
internal sealed class EnrichmentHarness : IAsyncDisposable
{
    private readonly EnrichmentFixture _fixture;

    private EnrichmentHarness(EnrichmentFixture fixture, BeaconFactory factory, TenantSession session)
    {
        _fixture = fixture;
        Factory = factory;
        Session = session;
    }

    public BeaconFactory Factory { get; }

    public TenantSession Session { get; }

    public HttpClient Client => Session.Client;

    public static async Task<EnrichmentHarness> StartAsync(EnrichmentFixture fixture, IReadOnlyDictionary<string, string?>? settings = null)
    {
        await fixture.ResetSandboxAsync();
        // The tests of this collection share one database: an earlier test's pending jobs (retries, polls, recovery)
        // would otherwise call the sandbox during this one and skew its call counters.
        await fixture.Database.ScalarAsync<long>("WITH gone AS (DELETE FROM platform.jobs RETURNING 1) SELECT count(*) FROM gone");
        var factory = new BeaconFactory(fixture.Database, fixture.Settings(settings));
        var session = await ApiClient.SignupAsync(factory.CreateClient);
        return new EnrichmentHarness(fixture, factory, session);
    }

    public static object SacramentoLead(string? email = null, string street = "3526 High Street", string? firstName = "Priya",
        string? timeZone = null) => new
        {
            firstName,
            lastName = "Okafor",
            email = email ?? $"priya.okafor.{Guid.NewGuid():N}@example.com",
            type = "seller",
            propertyAddress = new { street, city = "Sacramento", state = "CA", zip = "95838" },
            timeZone,
        };

    public async Task<Guid> CreateLeadAsync(object lead) =>
        (await LeadsApi.CreatedAsync(Client, lead)).GetProperty("id").GetGuid();

    public async Task<JsonElement> EnrichmentAsync(Guid leadId)
    {
        var response = await Client.GetAsync($"/api/v1/leads/{leadId}/enrichment");
        await response.EnsureSuccessAsync();
        return await response.Content.ReadFromJsonAsync<JsonElement>(ApiClient.Json);
    }

    public static JsonElement? Step(JsonElement view, string provider) =>
        view.GetProperty("providers").EnumerateArray().Where(p => p.GetProperty("provider").GetString() == provider)
            .Select(p => (JsonElement?)p).FirstOrDefault();

    public static string? State(JsonElement view, string provider) => Step(view, provider)?.GetProperty("state").GetString();

    public static string? Field(JsonElement view, string provider, string field) =>
        Step(view, provider) is { } step && step.GetProperty("fields").TryGetProperty(field, out var f)
            ? f.GetProperty("value").GetString()
            : null;

    public Task<JsonElement> UntilStateAsync(Guid leadId, string provider, string state, TimeSpan? timeout = null) =>
        Poller.UntilAsync(() => EnrichmentAsync(leadId), v => State(v, provider) == state, timeout ?? TimeSpan.FromSeconds(20),
            $"{provider} reaches {state}");

    public async Task<JsonElement> CallsAsync() =>
        await _fixture.Sandbox.GetFromJsonAsync<JsonElement>("/_sandbox/calls");

    public async Task<long> CallCountAsync(string provider) =>
        (await CallsAsync()).GetProperty("providers").GetProperty(provider).GetProperty("calls").GetInt64();

    public async Task<JsonElement> ProvidersAsync()
    {
        var view = await Client.GetFromJsonAsync<JsonElement>("/api/v1/enrichment/providers", ApiClient.Json);
        return view;
    }

    public static JsonElement Provider(JsonElement providers, string name) =>
        providers.GetProperty("providers").EnumerateArray().Single(p => p.GetProperty("provider").GetString() == name);

    public async Task ConsentAsync(Guid leadId, bool agreed = true)
    {
        var response = await Client.PostAsJsonAsync($"/api/v1/leads/{leadId}/credit-consent", new
        {
            noticeVersion = "fcra-2026-01",
            agreed,
            purpose = "prequalification",
            ip = "203.0.113.7",
            dateOfBirth = "1985-04-12",
        });
        await response.EnsureSuccessAsync();
    }

    public async Task<long> EventCountAsync(Guid leadId, string type) => await _fixture.Database.ScalarAsync<long>(
        "SELECT count(*) FROM platform.events WHERE tenant_id = $1 AND type = $2 AND payload->>'leadId' = $3",
        Session.TenantId, type, leadId.ToString());

    /// <summary>Jobs still queued for one provider step of a lead (a retry, a poll): what could call the provider again.</summary>
    public async Task<long> QueuedFetchesAsync(Guid leadId, string provider) => await _fixture.Database.ScalarAsync<long>(
        "SELECT count(*) FROM platform.jobs WHERE tenant_id = $1 AND handler = 'enrichment.fetch' AND payload->>'leadId' = $2 AND payload->>'provider' = $3",
        Session.TenantId, leadId.ToString(), provider);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
    }
}
