using System.Net.Http.Json;
using System.Text.Json;
using Beacon.IntegrationTests.Leads;
using Beacon.TestKit;

namespace Beacon.IntegrationTests.Conversions;

/// <summary>Helpers for the conversion tests: leads through the API, the report read until the projection caught up.</summary>
internal static class ConversionsApi
{
    /// <summary>A new brokerage whose owner the Leads and Conversions projections already know (so leads can be theirs).</summary>
    public static async Task<TenantSession> SignupAsync(BeaconApp app)
    {
        var owner = await app.SignupAsync();
        await Poller.UntilAsync(() => app.Database.ScalarAsync<long>("""
            SELECT (SELECT count(*) FROM leads.agents WHERE tenant_id = $1 AND user_id = $2)
                 + (SELECT count(*) FROM conversions.agents WHERE tenant_id = $1 AND user_id = $2)
            """, owner.TenantId, owner.UserId), n => n == 2, because: "the projections learn of the owner");
        return owner;
    }

    public static async Task<Guid> LeadAsync(HttpClient client, string email, string source = "website", Guid? agent = null,
        string? firstName = null)
    {
        var lead = await LeadsApi.CreatedAsync(client, new { email, source, assignedAgentId = agent, firstName, lastName = firstName is null ? null : "Test" });
        return lead.GetProperty("id").GetGuid();
    }

    public static async Task StageAsync(HttpClient client, Guid lead, string stage) =>
        await (await client.PatchAsJsonAsync($"/api/v1/leads/{lead}", new { stage })).EnsureSuccessAsync();

    public static async Task<JsonElement> ReportAsync(HttpClient client, string query = "")
    {
        var response = await client.GetAsync($"/api/v1/reports/conversions?{query}");
        await response.EnsureSuccessAsync();
        return await response.Content.ReadFromJsonAsync<JsonElement>(ApiClient.Json);
    }

    /// <summary>Reads the report until <paramref name="done"/> holds (the projection is eventually consistent).</summary>
    public static Task<JsonElement> ReportWhenAsync(HttpClient client, Func<JsonElement, bool> done, string query = "", string? because = null) =>
        Poller.UntilAsync(() => ReportAsync(client, query), done, because: because ?? "the conversion projection catches up");

    public static long Step(JsonElement report, string stage) =>
        report.GetProperty("funnel").EnumerateArray().Single(s => s.GetProperty("stage").GetString() == stage).GetProperty("leads").GetInt64();

    /// <summary>A breakdown as "key leads/converted", ordered by key.</summary>
    public static List<string> Breakdown(JsonElement report, string name) =>
        [.. report.GetProperty(name).EnumerateArray()
            .Select(b => $"{b.GetProperty("key").GetString()} {b.GetProperty("leads").GetInt64()}/{b.GetProperty("converted").GetInt64()}")
            .Order(StringComparer.Ordinal)];

    public static List<string> Expected(params string[] rows) => [.. rows.Order(StringComparer.Ordinal)];

    public static async Task<JsonElement> DealAsync(HttpClient client, object deal)
    {
        var response = await client.PostAsJsonAsync("/api/v1/conversions", deal);
        await response.EnsureSuccessAsync();
        return await response.Content.ReadFromJsonAsync<JsonElement>(ApiClient.Json);
    }

    public static async Task<List<JsonElement>> DealsAsync(HttpClient client, Guid lead) =>
        [.. (await client.GetFromJsonAsync<JsonElement>($"/api/v1/conversions?leadId={lead}", ApiClient.Json)).GetProperty("items").EnumerateArray()];

    /// <summary>Waits until the work a change caused (leads, conversions and rescoring jobs) is done.</summary>
    public static Task SettledAsync(BeaconApp app, Guid tenant) =>
        Poller.UntilAsync(() => app.Database.ScalarAsync<long>("""
            SELECT count(*) FROM platform.jobs WHERE tenant_id = $1
               AND (handler LIKE 'conversions.%' OR handler LIKE 'leads.%' OR handler LIKE 'scoring.rescore%')
            """, tenant), n => n == 0, because: "the change's jobs are done");

    public static Task<long> OutcomesAsync(BeaconApp app, Guid tenant) =>
        app.Database.ScalarAsync<long>("SELECT COALESCE(max(outcomes_since_train), 0)::bigint FROM scoring.tenant_state WHERE tenant_id = $1", tenant);
}
