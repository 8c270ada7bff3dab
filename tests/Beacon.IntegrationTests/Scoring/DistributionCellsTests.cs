using System.Net.Http.Json;
using System.Text.Json;
using Beacon.IntegrationTests.Leads;
using Beacon.TestKit;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Scoring;

/// <summary>
/// The score distribution read from its kept counts (ADR 0033): every change a lead can go through moves its one count
/// exactly, compared with the figures worked out from the leads' own scores.
/// </summary>
public sealed class DistributionCellsTests(BeaconApp app)
{
    [Fact]
    public async Task Score_distribution_follows_a_rescore_an_override_and_its_removal_exactly()
    {
        var owner = await app.SignupAsync();
        var (_, ann) = await LeadsApi.AddMemberAsync(app, owner, "agent");
        var lead = await ScoringApi.CreateLeadAsync(ann, "referral", "asap", "pre_approved");
        var first = (await ScoringApi.WaitForScoreAsync(ann, lead))!.Value;
        await ShouldBeAsync(ann, (Probability(first), Grade(first)));

        (await ann.PatchAsJsonAsync($"/api/v1/leads/{lead}", new { timeline = "12_plus_months", financing = "needs_lender" }))
            .EnsureSuccessStatusCode();
        var second = (await ScoringApi.WaitForScoreAsync(ann, lead, s => Probability(s) != Probability(first),
            "a lead a year out who needs a lender is re-scored"))!.Value;
        Bucket(Probability(second)).ShouldNotBe(Bucket(Probability(first)), "precondition: the re-score changes the band");
        await ShouldBeAsync(ann, (Probability(second), Grade(second)));

        var other = Grade(second) == "D" ? "A" : "D";
        (await ann.PutAsJsonAsync($"/api/v1/leads/{lead}/score/override", new { grade = other, reason = "Met them in person" }))
            .EnsureSuccessStatusCode();
        await ShouldBeAsync(ann, (Probability(second), other));
        (await ann.DeleteAsync($"/api/v1/leads/{lead}/score/override")).EnsureSuccessStatusCode();
        await ShouldBeAsync(ann, (Probability(second), Grade(second)));
    }

    [Fact]
    public async Task Score_distribution_drops_a_closed_and_a_lost_lead_and_counts_a_reopened_one_again()
    {
        var owner = await app.SignupAsync();
        var (_, ann) = await LeadsApi.AddMemberAsync(app, owner, "agent");
        var ids = new[]
        {
            await ScoringApi.CreateLeadAsync(ann, "referral", "asap", "pre_approved"),
            await ScoringApi.CreateLeadAsync(ann, "website", "3_6_months", "pre_approved"),
            await ScoringApi.CreateLeadAsync(ann, "facebook", "12_plus_months", "needs_lender", phone: false),
        };
        var scores = new List<(double, string)>();
        foreach (var id in ids)
        {
            var s = (await ScoringApi.WaitForScoreAsync(ann, id))!.Value;
            scores.Add((Probability(s), Grade(s)));
        }

        await ShouldBeAsync(ann, [.. scores]);
        await StageAsync(ann, ids[0], "closed");
        await StageAsync(ann, ids[2], "lost");
        await ShouldBeAsync(ann, scores[1]);

        await StageAsync(ann, ids[2], "contacted");
        await Poller.UntilAsync(() => app.Database.ScalarAsync<long>("SELECT count(*) FROM scoring.outcomes WHERE lead_id = $1", ids[2]),
            n => n == 0, because: "the reopened lead is re-scored and its outcome removed");
        var reopened = (await ScoringApi.WaitForScoreAsync(ann, ids[2]))!.Value;
        await ShouldBeAsync(ann, scores[1], (Probability(reopened), Grade(reopened)));
    }

    [Fact]
    public async Task Score_distribution_follows_a_reassignment_and_a_team_lead_sees_only_the_teams_leads()
    {
        var owner = await app.SignupAsync();
        var team = await LeadsApi.CreateTeamAsync(owner, "South");
        var (_, teamLead) = await LeadsApi.AddMemberAsync(app, owner, "team_lead", team);
        var (inTeamId, inTeam) = await LeadsApi.AddMemberAsync(app, owner, "agent", team);
        var (_, outsider) = await LeadsApi.AddMemberAsync(app, owner, "agent");
        var own = await ScoringApi.CreateLeadAsync(teamLead, "referral", "asap", "pre_approved");
        var teams = await ScoringApi.CreateLeadAsync(inTeam, "website", "3_6_months", "pre_approved");
        var outside = await ScoringApi.CreateLeadAsync(outsider, "facebook", "12_plus_months", "needs_lender", phone: false);
        var s = new Dictionary<Guid, (double, string)>();
        foreach (var (id, client) in new[] { (own, teamLead), (teams, inTeam), (outside, outsider) })
        {
            var score = (await ScoringApi.WaitForScoreAsync(client, id))!.Value;
            s[id] = (Probability(score), Grade(score));
        }

        await ShouldBeAsync(teamLead, s[own], s[teams]);
        await ShouldBeAsync(outsider, s[outside]);
        await ShouldBeAsync(owner.Client, s[own], s[teams], s[outside]);

        (await owner.Client.PatchAsJsonAsync($"/api/v1/leads/{outside}", new { assignedAgentId = inTeamId })).EnsureSuccessStatusCode();
        await ShouldBeAsync(outsider);
        await ShouldBeAsync(inTeam, s[teams], s[outside]);
        await ShouldBeAsync(teamLead, s[own], s[teams], s[outside]);
        await ShouldBeAsync(owner.Client, s[own], s[teams], s[outside]);
    }

    [Fact]
    public async Task Score_distribution_forgets_an_erased_lead()
    {
        var owner = await app.SignupAsync();
        var kept = await ScoringApi.CreateLeadAsync(owner.Client, "referral", "asap", "pre_approved");
        var erased = await ScoringApi.CreateLeadAsync(owner.Client, "website", "3_6_months", "pre_approved");
        var keptScore = (await ScoringApi.WaitForScoreAsync(owner.Client, kept))!.Value;
        var erasedScore = (await ScoringApi.WaitForScoreAsync(owner.Client, erased))!.Value;
        await ShouldBeAsync(owner.Client, (Probability(keptScore), Grade(keptScore)), (Probability(erasedScore), Grade(erasedScore)));

        await (await owner.Client.PostAsJsonAsync($"/api/v1/leads/{erased}/erase", new { reason = "data subject request" }))
            .EnsureSuccessAsync();
        await ShouldBeAsync(owner.Client, (Probability(keptScore), Grade(keptScore)));
        (await app.Database.ScalarAsync<long>("SELECT coalesce(sum(leads), 0) FROM scoring.distribution_cells WHERE tenant_id = $1",
            owner.TenantId)).ShouldBe(1, "no count is left behind by the erased lead");
    }

    internal static async Task StageAsync(HttpClient client, Guid lead, string stage) =>
        (await client.PatchAsJsonAsync($"/api/v1/leads/{lead}", new { stage })).EnsureSuccessStatusCode();

    /// <summary>
    /// Polls the caller's distribution until it is exactly the one these scores make (the counts follow lead events
    /// through the queue): the total, each 10-point band, each grade and the model/rules split.
    /// </summary>
    internal static async Task ShouldBeAsync(HttpClient client, params (double Probability, string Grade)[] open)
    {
        var expected = new int[10];
        foreach (var (p, _) in open)
        {
            expected[Bucket(p)]++;
        }

        var grades = new[] { "A", "B", "C", "D" }.Select(g => open.Count(o => o.Grade == g)).ToArray();
        var want = $"{open.Length} leads, bands {string.Join(',', expected)}, grades {string.Join(',', grades)}";
        await Poller.UntilAsync(async () =>
            {
                var d = await client.GetFromJsonAsync<JsonElement>("/api/v1/insights/score-distribution", ApiClient.Json);
                var bands = d.GetProperty("buckets").EnumerateArray().Select(b => b.GetProperty("count").GetInt32());
                var byGrade = d.GetProperty("grades").EnumerateArray().Select(g => g.GetProperty("count").GetInt32());
                var methods = d.GetProperty("byModel").GetInt32() + d.GetProperty("byRules").GetInt32();
                return $"{d.GetProperty("leads").GetInt32()} leads, bands {string.Join(',', bands)}, grades {string.Join(',', byGrade)}"
                       + (methods == d.GetProperty("leads").GetInt32() ? "" : $", methods {methods}");
            }, got => got == want, TimeSpan.FromSeconds(30), $"the distribution is {want}");
    }

    internal static int Bucket(double probability) => Math.Min(9, (int)Math.Floor(probability * 10));

    internal static double Probability(JsonElement score) => score.GetProperty("probability").GetDouble();

    internal static string Grade(JsonElement score) => score.GetProperty("grade").GetString()!;
}
