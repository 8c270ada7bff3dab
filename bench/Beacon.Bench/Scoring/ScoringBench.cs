using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Beacon.TestKit;

namespace Beacon.Bench.Scoring;

/// <summary>Gives a bench brokerage a published model: 200 closed or lost leads through the API, then a retrain.</summary>
internal static class ScoringBench
{
    public static Task WaitForAgentsAsync(string adminConnection, Guid tenant, int agents) =>
        Poller.UntilAsync(() => Leads.LeadsBench.ScalarAsync(adminConnection,
                "SELECT count(*) FROM leads.agents WHERE tenant_id = $1 AND role = 'agent'", tenant),
            n => n >= agents, TimeSpan.FromSeconds(60), "the agent projection");

    public static async Task<string> PublishModelAsync(HttpClient http, AuthenticationHeaderValue bearer, CancellationToken ct)
    {
        var random = new Random(11);
        for (var i = 0; i < 200; i++)
        {
            var hot = i % 2 == 0;
            var converted = random.NextDouble() < (hot ? 0.8 : 0.15);
            using var post = new HttpRequestMessage(HttpMethod.Post, "/api/v1/leads")
            {
                Content = JsonContent.Create(new
                {
                    firstName = "History",
                    lastName = $"Lead{i}",
                    email = $"history{i}@bench.test",
                    source = hot ? "referral" : "facebook",
                    type = "buyer",
                    timeline = hot ? "asap" : "12_plus_months",
                    financing = hot ? "pre_approved" : "needs_lender",
                    stage = converted ? "closed" : "lost",
                }),
            };
            post.Headers.Authorization = bearer;
            using var created = await http.SendAsync(post, ct);
            await created.EnsureSuccessAsync();
        }

        using var retrain = new HttpRequestMessage(HttpMethod.Post, "/api/v1/models/retrain")
        {
            Content = JsonContent.Create(new { minAgeDays = 0, reason = "benchmark" }),
        };
        retrain.Headers.Authorization = bearer;
        using var answer = await http.SendAsync(retrain, ct);
        await answer.EnsureSuccessAsync();
        var model = await answer.Content.ReadFromJsonAsync<JsonElement>(ct);
        return $"model v{model.GetProperty("version").GetInt32()}: {model.GetProperty("status").GetString()} — {model.GetProperty("gateReason").GetString()}";
    }
}
