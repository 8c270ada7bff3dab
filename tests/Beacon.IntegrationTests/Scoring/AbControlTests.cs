using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Beacon.IntegrationTests.Leads;
using Beacon.Scoring.Serving;
using Beacon.TestKit;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Scoring;

/// <summary>Managers' A/B control (ADR 0019): kill switch, challenger split, promotion answers, roles and bad input.</summary>
public sealed class AbControlTests(BeaconApp app)
{
    [Fact]
    public async Task Kill_switch_makes_the_next_score_rules_and_switching_it_off_serves_the_model_again()
    {
        var owner = await app.SignupAsync();
        await ScoringApi.SeedHistoryAsync(owner.Client, 60, seed: 1);
        var v1 = (await ScoringApi.PostAsync(owner.Client, "/api/v1/models/retrain", new { minAgeDays = 0 })).GetProperty("version").GetInt32();
        await ScoringApi.AfterServingChangeAsync();
        var before = await ScoringApi.CreateLeadAsync(owner.Client, "referral", "asap", "pre_approved");
        await ScoringApi.WaitForScoreAsync(owner.Client, before, s => s.GetProperty("method").GetString() == "model");

        var on = await PutAsync(owner.Client, "kill-switch", new { on = true, reason = "scores look wrong" });
        on.GetProperty("servedBy").GetString().ShouldBe("rules");
        on.GetProperty("rulesOnly").GetBoolean().ShouldBeTrue();
        await ScoringApi.AfterServingChangeAsync();
        var during = await ScoringApi.CreateLeadAsync(owner.Client, "referral", "asap", "pre_approved");
        (await ScoringApi.WaitForScoreAsync(owner.Client, during))!.Value.GetProperty("method").GetString().ShouldBe("rules");
        (await owner.Client.PostAsJsonAsync($"/api/v1/leads/{before}/activities", new { type = "web_visit" })).EnsureSuccessStatusCode();
        await ScoringApi.WaitForScoreAsync(owner.Client, before, s => s.GetProperty("method").GetString() == "rules",
            "a re-score under the kill switch is made by the rules");

        var off = await PutAsync(owner.Client, "kill-switch", new { on = false, reason = "fixed" });
        off.GetProperty("servedBy").GetString().ShouldBe("model");
        await ScoringApi.AfterServingChangeAsync();
        var after = await ScoringApi.CreateLeadAsync(owner.Client, "referral", "asap", "pre_approved");
        (await ScoringApi.WaitForScoreAsync(owner.Client, after))!.Value.GetProperty("modelVersion").GetInt32().ShouldBe(v1);

        (await app.Database.ScalarAsync<long>("""
            SELECT count(*) FROM audit.entries WHERE tenant_id = $1 AND action = 'scoring.serving_changed' AND actor_id = $2
            """, owner.TenantId, owner.UserId)).ShouldBe(2);
        var drift = await owner.Client.GetFromJsonAsync<JsonElement>($"/api/v1/models/{v1}/drift/weekly", ApiClient.Json);
        var week = drift.GetProperty("weeks").EnumerateArray().Last();
        week.GetProperty("leads").GetInt32().ShouldBeGreaterThanOrEqualTo(1);
        week.GetProperty("scorePsi").GetDouble().ShouldBeGreaterThanOrEqualTo(0);
        week.GetProperty("featurePsi").EnumerateObject().Count().ShouldBeGreaterThan(0);
        await BadInput.ShouldNameAsync(await owner.Client.GetAsync($"/api/v1/models/{v1}/drift/weekly?weeks=27"), "weeks");
        (await owner.Client.GetAsync("/api/v1/models/999/drift/weekly")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Challenger_split_is_stored_and_serves_the_challenger_to_exactly_the_hashed_share_of_leads()
    {
        var owner = await app.SignupAsync();
        await ScoringApi.SeedHistoryAsync(owner.Client, 60, seed: 1);
        var champion = (await ScoringApi.PostAsync(owner.Client, "/api/v1/models/retrain", new { minAgeDays = 0 })).GetProperty("version").GetInt32();
        await ScoringApi.SeedHistoryAsync(owner.Client, 15, seed: 2);
        var challenger = (await ScoringApi.PostAsync(owner.Client, "/api/v1/models/retrain", new { minAgeDays = 0 })).GetProperty("version").GetInt32();

        var set = await PutAsync(owner.Client, "split", new { percent = 50, reason = "try v2 on half" });
        set.GetProperty("challengerPercent").GetInt32().ShouldBe(50);
        set.GetProperty("fromConfiguration").GetBoolean().ShouldBeFalse();
        (await app.Database.ScalarAsync<int>("SELECT challenger_percent FROM scoring.serving_control WHERE tenant_id = $1", owner.TenantId))
            .ShouldBe(50);
        await ScoringApi.AfterServingChangeAsync();

        var served = new List<(Guid Lead, int Version)>();
        for (var i = 0; i < 16; i++)
        {
            var lead = await ScoringApi.CreateLeadAsync(owner.Client, "referral", "asap", "pre_approved");
            served.Add((lead, (await ScoringApi.WaitForScoreAsync(owner.Client, lead, s => s.GetProperty("method").GetString() == "model"))!
                .Value.GetProperty("modelVersion").GetInt32()));
        }

        served.ShouldAllBe(s => s.Version == (ScoreService.Bucket(s.Lead) < 50 ? challenger : champion));
        served.Select(s => s.Version).Distinct().Count().ShouldBe(2, "16 random ids land on both sides of a 50 % split");
        var view = await owner.Client.GetFromJsonAsync<JsonElement>("/api/v1/models/serving", ApiClient.Json);
        (view.GetProperty("championVersion").GetInt32(), view.GetProperty("challengerVersion").GetInt32()).ShouldBe((champion, challenger));

        (await owner.Client.PostAsJsonAsync("/api/v1/models/999/promote", new { reason = "x" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var unproven = await owner.Client.PostAsJsonAsync($"/api/v1/models/{challenger}/promote", new { reason = "looks better" });
        unproven.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await unproven.Content.ReadFromJsonAsync<JsonElement>(ApiClient.Json)).GetProperty("detail").GetString()!
            .ShouldContain("force", Case.Insensitive, "the 409 says why and how to override");
    }

    [Fact]
    public async Task Bad_input_to_the_ab_control_is_refused_naming_the_field_and_changes_nothing()
    {
        var owner = await app.SignupAsync();

        await BadInput.ShouldNameAsync(await owner.Client.PutAsJsonAsync("/api/v1/models/serving/split", new { percent = 120 }), "percent");
        await BadInput.ShouldNameAsync(await owner.Client.PutAsJsonAsync("/api/v1/models/serving/split", new { percent = -1 }), "percent");
        await BadInput.ShouldNameAsync(await owner.Client.PutAsJsonAsync("/api/v1/models/serving/split", new { }), "percent");
        await BadInput.ShouldNameAsync(await owner.Client.PutAsJsonAsync("/api/v1/models/serving/kill-switch", new { on = true }), "reason");
        await BadInput.ShouldNameAsync(await owner.Client.PutAsJsonAsync("/api/v1/models/serving/kill-switch", new { reason = "x" }), "on");

        (await app.Database.ScalarAsync<long>("SELECT count(*) FROM scoring.serving_control WHERE tenant_id = $1", owner.TenantId)).ShouldBe(0);
        var view = await owner.Client.GetFromJsonAsync<JsonElement>("/api/v1/models/serving", ApiClient.Json);
        view.GetProperty("fromConfiguration").GetBoolean().ShouldBeTrue();
        view.GetProperty("rulesOnly").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task A_team_lead_sees_the_ab_control_but_may_not_change_it_and_an_agent_may_not_see_it()
    {
        var owner = await app.SignupAsync();
        var (_, lead) = await LeadsApi.AddMemberAsync(app, owner, "team_lead");
        var (_, agent) = await LeadsApi.AddMemberAsync(app, owner, "agent");

        (await lead.GetAsync("/api/v1/models/serving")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await lead.PutAsJsonAsync("/api/v1/models/serving/split", new { percent = 10 })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await lead.PutAsJsonAsync("/api/v1/models/serving/kill-switch", new { on = true, reason = "x" })).StatusCode
            .ShouldBe(HttpStatusCode.Forbidden);
        (await agent.GetAsync("/api/v1/models/serving")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await app.Database.ScalarAsync<long>("SELECT count(*) FROM scoring.serving_control WHERE tenant_id = $1", owner.TenantId)).ShouldBe(0);
    }

    private static async Task<JsonElement> PutAsync(HttpClient client, string what, object body)
    {
        var response = await client.PutAsJsonAsync($"/api/v1/models/serving/{what}", body);
        await response.EnsureSuccessAsync();
        return await response.Content.ReadFromJsonAsync<JsonElement>(ApiClient.Json);
    }
}

/// <summary>A 400 problem details whose errors name the field.</summary>
internal static class BadInput
{
    public static async Task ShouldNameAsync(HttpResponseMessage response, string field)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, text);
        JsonDocument.Parse(text).RootElement.GetProperty("errors").EnumerateObject()
            .Select(e => e.Name).ShouldContain(n => string.Equals(n, field, StringComparison.OrdinalIgnoreCase), text);
    }
}
