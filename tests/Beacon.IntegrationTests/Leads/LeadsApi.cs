using System.Net.Http.Json;
using System.Text.Json;
using Beacon.TestKit;

namespace Beacon.IntegrationTests.Leads;

/// <summary>Small helpers for the Leads tests: members through the real invitation flow, leads through the API.</summary>
internal static class LeadsApi
{
    public static async Task<Guid> CreateTeamAsync(TenantSession owner, string name)
    {
        var response = await owner.Client.PostAsJsonAsync("/api/v1/teams", new { name });
        await response.EnsureSuccessAsync();
        return (await response.Content.ReadFromJsonAsync<JsonElement>(ApiClient.Json)).GetProperty("id").GetGuid();
    }

    /// <summary>Invites and signs in a member, then waits until Leads' projection knows them.</summary>
    public static async Task<(Guid UserId, HttpClient Client)> AddMemberAsync(BeaconApp app, TenantSession owner, string role,
        Guid? teamId = null)
    {
        var (userId, _, client) = await ApiClient.AddMemberAsync(owner, app.Anonymous, role, teamId);
        await Poller.UntilAsync(() => app.Database.ScalarAsync<long>(
                "SELECT count(*) FROM leads.agents WHERE tenant_id = $1 AND user_id = $2", owner.TenantId, userId),
            n => n == 1, because: "Leads' projection learns of the new member");
        return (userId, client);
    }

    public static async Task<(HttpResponseMessage Response, JsonElement Body)> CaptureAsync(HttpClient client, object lead,
        string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/leads") { Content = JsonContent.Create(lead) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    public static async Task<JsonElement> CreatedAsync(HttpClient client, object lead)
    {
        var (response, body) = await CaptureAsync(client, lead);
        await response.EnsureSuccessAsync();
        return body;
    }

    public static Task<long> CountAsync(BeaconApp app, Guid tenant) =>
        app.Database.ScalarAsync<long>("SELECT count(*) FROM leads.leads WHERE tenant_id = $1 AND deleted_at IS NULL", tenant);

    public static async Task<List<JsonElement>> ActivitiesAsync(HttpClient client, Guid lead) =>
        (await client.GetFromJsonAsync<List<JsonElement>>($"/api/v1/leads/{lead}/activities", ApiClient.Json))!;
}
