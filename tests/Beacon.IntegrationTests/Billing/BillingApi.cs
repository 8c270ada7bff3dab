using System.Net.Http.Json;
using System.Text.Json;
using Beacon.Contracts.Events;
using Beacon.SharedKernel.Database;
using Beacon.TestKit;
using Microsoft.Extensions.DependencyInjection;

namespace Beacon.IntegrationTests.Billing;

/// <summary>Billing through its API, and other modules' events published through the real outbox.</summary>
internal static class BillingApi
{
    /// <summary>
    /// How long a test waits for usage to be metered: billing's handlers run in the bulk lane, one job per claim, which
    /// every test's imports, enrichment chunks and per-lead usage share, taking turns by brokerage. 15 s was exceeded on
    /// a busy run, and 60 s once by a tenant with 46 usage jobs still due in a whole fresh-clone run.
    /// </summary>
    public static readonly TimeSpan MeteringPatience = TimeSpan.FromSeconds(180);

    public static async Task<JsonElement> GetAsync(HttpClient client, string path) =>
        await client.GetFromJsonAsync<JsonElement>(path, ApiClient.Json);

    /// <summary>The new brokerage's subscription is started by billing's handler of tenant.created.</summary>
    public static Task<JsonElement> SubscriptionAsync(HttpClient client) =>
        Poller.UntilAsync(async () =>
        {
            var response = await client.GetAsync("/api/v1/billing/subscription");
            return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>(ApiClient.Json) : default;
        }, s => s.ValueKind == JsonValueKind.Object, MeteringPatience, "billing started the brokerage's subscription");

    public static async Task<Dictionary<string, long>> UsageAsync(HttpClient client, string? month = null)
    {
        var usage = await GetAsync(client, "/api/v1/billing/usage" + (month is null ? "" : $"?month={month}"));
        return usage.GetProperty("meters").EnumerateArray()
            .ToDictionary(m => m.GetProperty("meter").GetString()!, m => m.GetProperty("quantity").GetInt64());
    }

    /// <summary>Publishes events as a module would: in a transaction of the tenant, through the outbox.</summary>
    public static async Task PublishAsync(BeaconApp app, Guid tenant, params IntegrationEvent[] events)
    {
        var db = app.Factory.Services.GetRequiredService<Db>();
        await using var tx = await db.BeginAsync(tenant, CancellationToken.None);
        foreach (var e in events)
        {
            tx.Publish(e);
        }

        await tx.CommitAsync(CancellationToken.None);
    }

    /// <summary>Delivers already published usage events to billing's handler again (what an at-least-once queue may do).</summary>
    public static Task RedeliverAsync(TestDatabase database, Guid tenant, Guid[] eventIds) =>
        database.ScalarAsync<int>("""
            INSERT INTO platform.jobs (tenant_id, handler, message_id, payload)
            SELECT tenant_id, 'billing.usage-recorded', id, payload FROM platform.events WHERE tenant_id = $1 AND id = ANY ($2)
            """, tenant, eventIds);

    /// <summary>Every job of the tenant that is due has run (the handlers of its events among them).</summary>
    public static Task SettledAsync(TestDatabase database, Guid tenant) =>
        Poller.UntilAsync(() => database.ScalarAsync<long>(
            "SELECT count(*) FROM platform.jobs WHERE tenant_id = $1 AND run_at <= now()", tenant), n => n == 0,
            MeteringPatience, "the tenant's jobs are done");
}
