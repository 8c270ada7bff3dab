using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Beacon.TestKit;
using Shouldly;

namespace Beacon.IntegrationTests.Workflows;

/// <summary>Helpers for the step-kind tests: a 400's messages for one field, a lead's timeline.</summary>
internal static class StepsApi
{
    /// <summary>Asserts a 400 problem naming <paramref name="field"/>; answers its messages.</summary>
    public static async Task<List<string>> FieldErrorsAsync(this HttpResponseMessage response, string field)
    {
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ApiClient.Json);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, problem.ToString());
        problem.GetProperty("errors").TryGetProperty(field, out var messages).ShouldBeTrue(problem.ToString());
        return [.. messages.EnumerateArray().Select(m => m.GetString()!)];
    }

    public static async Task<List<JsonElement>> TimelineAsync(HttpClient client, Guid lead)
    {
        var page = await client.GetFromJsonAsync<JsonElement>($"/api/v1/leads/{lead}/activities", ApiClient.Json);
        return [.. (page.ValueKind == JsonValueKind.Array ? page : page.GetProperty("items")).EnumerateArray()];
    }
}
