using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Beacon.TestKit;

namespace Beacon.IntegrationTests.Scoring;

/// <summary>Helpers for the Scoring tests: leads through the Leads API, scores and models through Scoring's.</summary>
internal static class ScoringApi
{
    public static async Task<Guid> CreateLeadAsync(HttpClient client, string source, string timeline, string financing,
        string stage = "new", bool phone = true)
    {
        var response = await client.PostAsJsonAsync("/api/v1/leads", new
        {
            firstName = "Sam",
            lastName = "Buyer",
            email = $"sam-{Guid.NewGuid():N}@example.test",
            phone = phone ? $"+1916555{Random.Shared.Next(0, 10_000):D4}" : null,
            source,
            type = "buyer",
            timeline,
            financing,
            stage,
        });
        await response.EnsureSuccessAsync();
        return (await response.Content.ReadFromJsonAsync<JsonElement>(ApiClient.Json)).GetProperty("id").GetGuid();
    }

    public static async Task<JsonElement?> ScoreAsync(HttpClient client, Guid leadId)
    {
        // Null until scored: 404 (unknown or invisible lead) or 200 with status "pending" (not scored yet).
        var response = await client.GetAsync($"/api/v1/leads/{leadId}/score");
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        var score = await response.Content.ReadFromJsonAsync<JsonElement>(ApiClient.Json);
        return score.GetProperty("status").GetString() == "pending" ? null : score;
    }

    public static Task<JsonElement?> WaitForScoreAsync(HttpClient client, Guid leadId, Func<JsonElement, bool>? until = null,
        string because = "the lead is scored") =>
        Poller.UntilAsync(() => ScoreAsync(client, leadId), s => s is { } v && (until is null || until(v)),
            TimeSpan.FromSeconds(30), because);

    public static async Task<JsonElement> PostAsync(HttpClient client, string path, object body)
    {
        var response = await client.PostAsJsonAsync(path, body);
        await response.EnsureSuccessAsync();
        return await response.Content.ReadFromJsonAsync<JsonElement>(ApiClient.Json);
    }

    /// <summary>
    /// A brokerage's history where referrals with short timelines mostly close and Facebook leads with long ones are
    /// mostly lost (one in ten the other way round), so a model has something real to learn.
    /// </summary>
    public static async Task SeedHistoryAsync(HttpClient client, int perSide, int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < perSide; i++)
        {
            await CreateLeadAsync(client, "referral", "asap", "pre_approved", random.NextDouble() < 0.9 ? "closed" : "lost");
            await CreateLeadAsync(client, "facebook", "12_plus_months", "needs_lender", random.NextDouble() < 0.9 ? "lost" : "closed",
                phone: false);
        }
    }

    /// <summary>
    /// Waits out the two seconds in which another node on the shared database (other tests' servers take scoring jobs
    /// too) may still serve what was live before a publish, promotion, kill switch or split (ADR 0019).
    /// </summary>
    public static Task AfterServingChangeAsync() => Task.Delay(TimeSpan.FromSeconds(2.5));
}
