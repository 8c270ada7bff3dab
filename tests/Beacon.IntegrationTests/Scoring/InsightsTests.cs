using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Beacon.IntegrationTests.Leads;
using Beacon.TestKit;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Scoring;

/// <summary>Score distribution and hot leads: role-scoped, from the stored scores and the leads' activity.</summary>
public sealed class InsightsTests(BeaconApp app)
{
    [Fact]
    public async Task Score_distribution_counts_only_the_open_leads_the_caller_may_see()
    {
        var owner = await app.SignupAsync();
        var (_, ann) = await LeadsApi.AddMemberAsync(app, owner, "agent");
        var (_, bob) = await LeadsApi.AddMemberAsync(app, owner, "agent");
        var annLeads = new[]
        {
            await ScoringApi.CreateLeadAsync(ann, "referral", "asap", "pre_approved"),
            await ScoringApi.CreateLeadAsync(ann, "facebook", "12_plus_months", "needs_lender", phone: false),
        };
        var bobLead = await ScoringApi.CreateLeadAsync(bob, "website", "3_6_months", "pre_approved");
        var closed = await ScoringApi.CreateLeadAsync(owner.Client, "referral", "asap", "pre_approved", stage: "closed");
        var probabilities = new List<double>();
        foreach (var id in annLeads)
        {
            probabilities.Add((await ScoringApi.WaitForScoreAsync(ann, id))!.Value.GetProperty("probability").GetDouble());
        }

        await ScoringApi.WaitForScoreAsync(bob, bobLead);
        await ScoringApi.WaitForScoreAsync(owner.Client, closed);
        await Poller.UntilAsync(() => app.Database.ScalarAsync<long>("SELECT count(*) FROM scoring.outcomes WHERE tenant_id = $1", owner.TenantId),
            n => n == 1, because: "the closed lead is an outcome");

        var mine = await DistributionAsync(ann);
        mine.GetProperty("leads").GetInt32().ShouldBe(2);
        var buckets = mine.GetProperty("buckets").EnumerateArray().Select(b => b.GetProperty("count").GetInt32()).ToArray();
        buckets.Length.ShouldBe(10);
        var expected = new int[10];
        probabilities.ForEach(p => expected[Math.Min(9, (int)Math.Floor(p * 10))]++);
        buckets.ShouldBe(expected);
        mine.GetProperty("grades").EnumerateArray().Sum(g => g.GetProperty("count").GetInt32()).ShouldBe(2);
        (await DistributionAsync(owner.Client)).GetProperty("leads").GetInt32().ShouldBe(3, "every open lead, the closed one excluded");
        (await DistributionAsync(bob)).GetProperty("leads").GetInt32().ShouldBe(1);

        var first = await owner.Client.GetAsync("/api/v1/insights/score-distribution");
        using var again = new HttpRequestMessage(HttpMethod.Get, "/api/v1/insights/score-distribution");
        again.Headers.TryAddWithoutValidation("If-None-Match", first.Headers.ETag!.ToString());
        (await owner.Client.SendAsync(again)).StatusCode.ShouldBe(HttpStatusCode.NotModified);
    }

    [Fact]
    public async Task Hot_leads_are_the_agents_untouched_A_and_B_leads_with_the_scorers_why_and_a_call_takes_one_off()
    {
        var owner = await app.SignupAsync();
        var (_, ann) = await LeadsApi.AddMemberAsync(app, owner, "agent");
        var (_, bob) = await LeadsApi.AddMemberAsync(app, owner, "agent");
        var hot = await ScoringApi.CreateLeadAsync(ann, "referral", "asap", "pre_approved");
        var cold = await ScoringApi.CreateLeadAsync(ann, "facebook", "12_plus_months", "needs_lender", phone: false);
        var bobs = await ScoringApi.CreateLeadAsync(bob, "referral", "asap", "pre_approved");
        (await ScoringApi.WaitForScoreAsync(ann, hot))!.Value.GetProperty("grade").GetString()
            .ShouldBeOneOf(["A", "B"], "precondition: a pre-approved referral buying now scores high");
        (await ScoringApi.WaitForScoreAsync(ann, cold))!.Value.GetProperty("grade").GetString()
            .ShouldBeOneOf(["C", "D"], "precondition: a Facebook lead a year out needing a lender scores low");
        await ScoringApi.WaitForScoreAsync(bob, bobs);

        var list = await HotLeadsAsync(ann);
        list.Select(l => l.GetProperty("leadId").GetGuid()).ShouldBe([hot]);
        var entry = list.Single();
        entry.GetProperty("name").GetString().ShouldBe("Sam Buyer");
        entry.GetProperty("why").EnumerateArray().Select(w => w.GetString()).ShouldContain("pre-approved for financing");
        entry.TryGetProperty("lastTouchAt", out var touch).ShouldBeTrue();
        touch.ValueKind.ShouldBe(JsonValueKind.Null);

        (await ann.PostAsJsonAsync($"/api/v1/leads/{hot}/activities", new { type = "call", body = "Left a voicemail" })).EnsureSuccessStatusCode();
        (await HotLeadsAsync(ann)).ShouldBeEmpty("a call just now is a recent human touch");
        (await HotLeadsAsync(bob)).Select(l => l.GetProperty("leadId").GetGuid()).ShouldBe([bobs]);
        var bad = await ann.GetAsync("/api/v1/insights/hot-leads?limit=500");
        await BadInput.ShouldNameAsync(bad, "limit");
    }

    [Fact]
    public async Task Hot_leads_come_longest_waiting_first_and_a_touch_older_than_the_quiet_hours_puts_a_lead_back_first()
    {
        var owner = await app.SignupAsync();
        var (_, ann) = await LeadsApi.AddMemberAsync(app, owner, "agent");
        var leads = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            leads.Add(await ScoringApi.CreateLeadAsync(ann, "referral", "asap", "pre_approved"));
            (await ScoringApi.WaitForScoreAsync(ann, leads[^1]))!.Value.GetProperty("grade").GetString().ShouldBe("A", "precondition");
        }

        (await HotLeadsAsync(ann)).Select(l => l.GetProperty("leadId").GetGuid()).ShouldBe(leads, "untouched: the first captured waited longest");

        var called = TimeProvider.System.GetUtcNow().AddDays(-3);
        (await ann.PostAsJsonAsync($"/api/v1/leads/{leads[2]}/activities", new { type = "call", body = "Spoke about schools", occurredAt = called }))
            .EnsureSuccessStatusCode();
        await Poller.UntilAsync(() => app.Database.ScalarAsync<DateTime>(
            "SELECT coalesce(last_touch_at, '-infinity') FROM scoring.scores WHERE tenant_id = $1 AND lead_id = $2", owner.TenantId, leads[2]),
            t => t != DateTime.MinValue, because: "the call re-scores the lead, and its score row keeps the touch");

        var list = await HotLeadsAsync(ann);
        list.Select(l => l.GetProperty("leadId").GetGuid()).ShouldBe([leads[2], leads[0], leads[1]], "called three days ago: waiting longest");
        list[0].GetProperty("waitingSince").GetDateTimeOffset().ShouldBe(called, TimeSpan.FromMilliseconds(1));
        (await ann.GetFromJsonAsync<JsonElement>("/api/v1/insights/hot-leads?limit=2", ApiClient.Json)).GetProperty("leads")
            .EnumerateArray().Select(l => l.GetProperty("leadId").GetGuid()).ShouldBe([leads[2], leads[0]]);
    }

    [Fact]
    public async Task Hot_leads_follow_a_reassignment_to_the_new_agent()
    {
        var owner = await app.SignupAsync();
        var (_, ann) = await LeadsApi.AddMemberAsync(app, owner, "agent");
        var (bobId, bob) = await LeadsApi.AddMemberAsync(app, owner, "agent");
        var hot = await ScoringApi.CreateLeadAsync(ann, "referral", "asap", "pre_approved");
        (await ScoringApi.WaitForScoreAsync(ann, hot))!.Value.GetProperty("grade").GetString().ShouldBeOneOf(["A", "B"]);
        (await HotLeadsAsync(ann)).Select(l => l.GetProperty("leadId").GetGuid()).ShouldBe([hot]);
        (await HotLeadsAsync(bob)).ShouldBeEmpty();

        (await owner.Client.PatchAsJsonAsync($"/api/v1/leads/{hot}", new { assignedAgentId = bobId })).EnsureSuccessStatusCode();

        await Poller.UntilAsync(() => HotLeadsAsync(bob), l => l.Select(x => x.GetProperty("leadId").GetGuid()).SequenceEqual([hot]),
            because: "the reassigned lead is Bob's to call now");
        (await HotLeadsAsync(ann)).ShouldBeEmpty("the lead is no longer Ann's");
    }

    private static async Task<JsonElement> DistributionAsync(HttpClient client) =>
        await client.GetFromJsonAsync<JsonElement>("/api/v1/insights/score-distribution", ApiClient.Json);

    private static async Task<List<JsonElement>> HotLeadsAsync(HttpClient client) =>
        [.. (await client.GetFromJsonAsync<JsonElement>("/api/v1/insights/hot-leads", ApiClient.Json)).GetProperty("leads").EnumerateArray()];
}
