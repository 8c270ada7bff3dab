using System.Text;
using System.Text.Json;

namespace Beacon.Bench.Live;

/// <summary>Leads created through the API so that live events flow (one <c>lead.created</c> per call).</summary>
internal static class LiveLeads
{
    public static async Task<Guid> CreateAsync(HttpClient client, CancellationToken ct)
    {
        using var response = await client.PostAsync("/api/v1/leads", new StringContent(JsonSerializer.Serialize(new
        {
            firstName = "Fan",
            lastName = "Out",
            email = $"fan-{Guid.NewGuid():N}@example.test",
            source = "website",
            type = "buyer",
        }), Encoding.UTF8, "application/json"), ct);
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        return body.RootElement.GetProperty("id").GetGuid();
    }
}
