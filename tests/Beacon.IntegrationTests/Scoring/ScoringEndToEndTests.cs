using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Beacon.Scoring.Serving;
using Beacon.TestKit;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Scoring;

public sealed class ScoringEndToEndTests(BeaconApp app)
{
    [Fact]
    public async Task A_lead_created_through_the_API_gets_a_stored_score_with_reasons_and_an_activity_rescores_it()
    {
        var owner = await app.SignupAsync();
        var id = await ScoringApi.CreateLeadAsync(owner.Client, "website", "3_6_months", "pre_approved");

        var first = (await ScoringApi.WaitForScoreAsync(owner.Client, id))!.Value;

        first.GetProperty("method").GetString().ShouldBe("rules");
        first.GetProperty("grade").GetString().ShouldBeOneOf("A", "B", "C", "D");
        first.GetProperty("probability").GetDouble().ShouldBeInRange(0, 1);
        first.GetProperty("confidence").GetString().ShouldNotBeNullOrEmpty();
        var reasons = first.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("text").GetString()).ToList();
        reasons.ShouldContain("pre-approved for financing");
        reasons.Count.ShouldBeLessThanOrEqualTo(6);

        for (var i = 0; i < 3; i++)
        {
            (await owner.Client.PostAsJsonAsync($"/api/v1/leads/{id}/activities", new { type = "property_view", body = "Viewed 12 Elm St." }))
                .EnsureSuccessStatusCode();
        }

        var second = (await ScoringApi.WaitForScoreAsync(owner.Client, id,
            s => s.GetProperty("reasons").EnumerateArray().Any(r => r.GetProperty("text").GetString() == "3 website visits and listing views"),
            "the three listing views re-score the lead"))!.Value;
        second.GetProperty("probability").GetDouble().ShouldBeGreaterThan(first.GetProperty("probability").GetDouble());
        (await app.Database.ScalarAsync<long>(
            "SELECT count(*) FROM scoring.scores WHERE tenant_id = $1 AND lead_id = $2", owner.TenantId, id)).ShouldBe(1);
    }

    [Fact]
    public async Task A_manual_grade_override_is_kept_over_rescoring_and_other_tenants_see_404()
    {
        var owner = await app.SignupAsync();
        var stranger = await app.SignupAsync();
        var id = await ScoringApi.CreateLeadAsync(owner.Client, "facebook", "12_plus_months", "needs_lender");
        await ScoringApi.WaitForScoreAsync(owner.Client, id);

        (await owner.Client.PutAsJsonAsync($"/api/v1/leads/{id}/score/override", new { grade = "A", reason = "Cash buyer, met in person" }))
            .StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await owner.Client.PostAsJsonAsync($"/api/v1/leads/{id}/activities", new { type = "web_visit" })).EnsureSuccessStatusCode();
        var score = (await ScoringApi.WaitForScoreAsync(owner.Client, id,
            s => s.GetProperty("reasons").EnumerateArray().Any(r => r.GetProperty("feature").GetString() == "engagement"),
            "the visit re-scores the lead"))!.Value;

        score.GetProperty("grade").GetString().ShouldBe("A");
        score.GetProperty("scoredGrade").GetString().ShouldNotBe("A");
        score.GetProperty("override").GetProperty("reason").GetString().ShouldBe("Cash buyer, met in person");
        (await stranger.Client.GetAsync($"/api/v1/leads/{id}/score")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await owner.Client.PutAsJsonAsync($"/api/v1/leads/{id}/score/override", new { grade = "E", reason = "x" }))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Retraining_publishes_a_model_then_a_challenger_and_promotion_rollback_and_the_fault_switch_work()
    {
        // A database of its own: the fault switch below is this process's, and on the shared database another test's
        // server could claim the lead's scoring job and score it with the model (seen on CI).
        await using var database = new TestDatabase();
        await database.InitializeAsync();
        await using var factory = new BeaconFactory(database);
        var owner = await ApiClient.SignupAsync(factory.CreateClient);
        var agent = await ApiClient.AddMemberAsync(owner, factory.CreateClient, "agent");
        (await agent.Client.PostAsJsonAsync("/api/v1/models/retrain", new { })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var tooFew = await ScoringApi.PostAsync(owner.Client, "/api/v1/models/retrain", new { minAgeDays = 0 });
        tooFew.GetProperty("status").GetString().ShouldBe("rejected");

        await ScoringApi.SeedHistoryAsync(owner.Client, 60, seed: 1);
        var v1 = await ScoringApi.PostAsync(owner.Client, "/api/v1/models/retrain", new { minAgeDays = 0, reason = "first model" });
        v1.GetProperty("status").GetString().ShouldBe("champion", v1.ToString());
        var v1Version = v1.GetProperty("version").GetInt32();

        await ScoringApi.AfterServingChangeAsync();
        var hot = await ScoringApi.CreateLeadAsync(owner.Client, "referral", "asap", "pre_approved");
        var scored = (await ScoringApi.WaitForScoreAsync(owner.Client, hot, s => s.GetProperty("method").GetString() == "model"))!.Value;
        scored.GetProperty("modelVersion").GetInt32().ShouldBe(v1Version);
        scored.GetProperty("reasons").GetArrayLength().ShouldBeGreaterThan(0);

        await ScoringApi.SeedHistoryAsync(owner.Client, 15, seed: 2);
        var v2 = await ScoringApi.PostAsync(owner.Client, "/api/v1/models/retrain", new { minAgeDays = 0, reason = "new conversions" });
        v2.GetProperty("status").GetString().ShouldBe("challenger", v2.ToString());
        var v2Version = v2.GetProperty("version").GetInt32();

        var unforced = await owner.Client.PostAsJsonAsync($"/api/v1/models/{v2Version}/promote", new { reason = "looks better" });
        unforced.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        await ScoringApi.PostAsync(owner.Client, $"/api/v1/models/{v2Version}/promote", new { reason = "drill", force = true });
        var rollback = await ScoringApi.PostAsync(owner.Client, "/api/v1/models/rollback", new { reason = "drill over" });
        rollback.GetProperty("from").GetInt32().ShouldBe(v2Version);
        rollback.GetProperty("to").GetInt32().ShouldBe(v1Version);

        var log = await owner.Client.GetFromJsonAsync<JsonElement>("/api/v1/models/promotions", ApiClient.Json);
        var entries = log.EnumerateArray().Select(e => (e.GetProperty("action").GetString(), e.GetProperty("toVersion").ToString(),
            e.GetProperty("actorId").GetGuid(), e.GetProperty("reason").GetString())).ToList();
        entries.ShouldContain(("rollback", v1Version.ToString(), owner.UserId, "drill over"));
        entries.ShouldContain(("promote", v2Version.ToString(), owner.UserId, "Forced by an admin: drill"));
        var models = await owner.Client.GetFromJsonAsync<JsonElement>("/api/v1/models", ApiClient.Json);
        models.EnumerateArray().Single(m => m.GetProperty("version").GetInt32() == v1Version).GetProperty("status").GetString().ShouldBe("champion");
        var metrics = await owner.Client.GetFromJsonAsync<JsonElement>($"/api/v1/models/{v1Version}/metrics", ApiClient.Json);
        metrics.GetProperty("holdout").GetProperty("holdout").GetProperty("rocAuc").GetDouble().ShouldBeGreaterThan(0.5);
        (await owner.Client.GetFromJsonAsync<JsonElement>($"/api/v1/models/{v1Version}/calibration", ApiClient.Json))
            .GetProperty("holdout").GetArrayLength().ShouldBeGreaterThan(0);

        var faults = factory.Services.GetRequiredService<ModelFaultSwitch>();
        faults.Trip(owner.TenantId);
        try
        {
            var during = await ScoringApi.CreateLeadAsync(owner.Client, "referral", "asap", "pre_approved");
            var fallback = (await ScoringApi.WaitForScoreAsync(owner.Client, during))!.Value;
            fallback.GetProperty("method").GetString().ShouldBe("rules");
            fallback.GetProperty("reasons").GetArrayLength().ShouldBeGreaterThan(0);
        }
        finally
        {
            faults.Reset(owner.TenantId);
        }
    }
}
