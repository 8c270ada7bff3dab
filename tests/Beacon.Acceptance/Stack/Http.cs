using System.Net.Http.Json;
using System.Text.Json;
using Beacon.TestKit;

namespace Beacon.Acceptance.Stack;

/// <summary>The API calls the scenarios make, as any client of Beacon's public API would make them.</summary>
internal static class Http
{
    public static async Task<JsonElement> ReadAsync(this HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        await response.EnsureSuccessAsync();
        return await response.Content.ReadFromJsonAsync<JsonElement>(ApiClient.Json);
    }

    public static async Task<JsonElement> PostForJsonAsync(this HttpClient client, string path, object body)
    {
        var response = await client.PostAsJsonAsync(path, body, ApiClient.Json);
        await response.EnsureSuccessAsync();
        return await response.Content.ReadFromJsonAsync<JsonElement>(ApiClient.Json);
    }

    /// <summary>
    /// Captures a lead assigned to <paramref name="agent"/>. A brokerage signed up a moment ago may not be known to the
    /// lead module yet (it learns of its people from events): the capture is then refused, naming assignedAgentId, and
    /// changes nothing, so it is sent again until the module knows the agent.
    /// </summary>
    public static async Task<JsonElement> CaptureAssignedAsync(this HttpClient client, Guid agent, object lead)
    {
        var body = JsonSerializer.SerializeToNode(lead, ApiClient.Json)!.AsObject();
        body["assignedAgentId"] = agent;
        var created = await Poller.UntilAsync(async () =>
        {
            var response = await client.PostAsJsonAsync("/api/v1/leads", body);
            var text = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode && !text.Contains("assignedAgentId", StringComparison.Ordinal))
            {
                throw new HttpRequestException($"{(int)response.StatusCode} POST /api/v1/leads: {text}");
            }

            return response.IsSuccessStatusCode ? text : null;
        }, text => text is not null, TimeSpan.FromSeconds(30), "the lead module knows the new brokerage's agent");
        return JsonDocument.Parse(created!).RootElement.Clone();
    }

    /// <summary>How many leads the conversion report's funnel counts at <paramref name="stage"/>.</summary>
    public static long FunnelStage(this JsonElement report, string stage) =>
        report.GetProperty("funnel").EnumerateArray().Single(s => s.GetProperty("stage").GetString() == stage).GetProperty("leads").GetInt64();

    /// <summary>One provider's step of a lead's enrichment view, if the lead has one.</summary>
    public static JsonElement? EnrichmentStep(this JsonElement view, string provider) =>
        view.GetProperty("providers").EnumerateArray().Where(p => p.GetProperty("provider").GetString() == provider)
            .Select(p => (JsonElement?)p).FirstOrDefault();
}
