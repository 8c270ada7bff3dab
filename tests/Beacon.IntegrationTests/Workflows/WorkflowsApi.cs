using System.Net.Http.Json;
using System.Text.Json;
using Beacon.IntegrationTests.Leads;
using Beacon.TestKit;

namespace Beacon.IntegrationTests.Workflows;

/// <summary>Helpers for the Workflows tests: members Workflows knows of, leads and tasks through the API.</summary>
internal static class WorkflowsApi
{
    public static Task WaitForMemberAsync(BeaconApp app, Guid tenant, Guid userId) =>
        Poller.UntilAsync(() => app.Database.ScalarAsync<long>(
                "SELECT count(*) FROM workflows.members WHERE tenant_id = $1 AND user_id = $2", tenant, userId),
            n => n == 1, because: "Workflows' projection learns of the member");

    public static async Task<(TenantSession Owner, Guid AgentId, HttpClient Agent)> BrokerageWithAgentAsync(BeaconApp app)
    {
        var owner = await app.SignupAsync();
        var (agentId, agent) = await LeadsApi.AddMemberAsync(app, owner, "agent");
        await WaitForMemberAsync(app, owner.TenantId, owner.UserId);
        await WaitForMemberAsync(app, owner.TenantId, agentId);
        return (owner, agentId, agent);
    }

    public static async Task<Guid> LeadAsync(HttpClient client, string firstName = "Ann") =>
        (await LeadsApi.CreatedAsync(client, new { firstName, lastName = "Lee", email = $"{Guid.NewGuid():N}@example.test" }))
        .GetProperty("id").GetGuid();

    public static async Task<JsonElement> CreateTaskAsync(HttpClient client, object task)
    {
        var response = await client.PostAsJsonAsync("/api/v1/tasks", task);
        await response.EnsureSuccessAsync();
        return await response.Content.ReadFromJsonAsync<JsonElement>(ApiClient.Json);
    }

    public static async Task<List<JsonElement>> TasksAsync(HttpClient client, string query = "") =>
        (await client.GetFromJsonAsync<List<JsonElement>>($"/api/v1/tasks{query}", ApiClient.Json))!;

    public static IEnumerable<string> Titles(this IEnumerable<JsonElement> tasks) => tasks.Select(t => t.GetProperty("title").GetString()!);
}
