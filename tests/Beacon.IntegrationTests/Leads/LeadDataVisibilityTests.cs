using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Beacon.IntegrationTests.Scoring;
using Beacon.TestKit;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Leads;

/// <summary>
/// Scoring's and Enrichment's routes on one lead apply the Leads module's own visibility rule (ILeadAccess): a lead
/// the caller may not see answers exactly what an unknown lead answers.
/// </summary>
public sealed class LeadDataVisibilityTests(BeaconApp app)
{
    [Fact]
    public async Task Score_and_enrichment_follow_the_lead_list_rule_for_team_leads_agents_and_owners()
    {
        var owner = await app.SignupAsync();
        var north = await LeadsApi.CreateTeamAsync(owner, "North");
        var south = await LeadsApi.CreateTeamAsync(owner, "South");
        var (teamLeadId, teamLead) = await LeadsApi.AddMemberAsync(app, owner, "team_lead", north);
        var (northAgentId, northAgent) = await LeadsApi.AddMemberAsync(app, owner, "agent", north);
        var (southAgentId, southAgent) = await LeadsApi.AddMemberAsync(app, owner, "agent", south);
        var ofNorthAgent = await CreateAssignedAsync(owner.Client, northAgentId);
        var ofSouthAgent = await CreateAssignedAsync(owner.Client, southAgentId);
        var ofTeamLead = await CreateAssignedAsync(owner.Client, teamLeadId);
        foreach (var lead in new[] { ofNorthAgent, ofSouthAgent, ofTeamLead })
        {
            await ScoringApi.WaitForScoreAsync(owner.Client, lead);
        }

        var unknown = Guid.CreateVersion7();
        var notFound = await ShapeAsync(await owner.Client.GetAsync($"/api/v1/leads/{unknown}/score"));
        notFound.Status.ShouldBe(HttpStatusCode.NotFound);
        (await ShapeAsync(await owner.Client.GetAsync($"/api/v1/leads/{unknown}/enrichment"))).ShouldBe(notFound);

        // A team lead: their own and their team's agents' leads, not another team's.
        await ShouldSeeAsync(teamLead, ofNorthAgent);
        await ShouldSeeAsync(teamLead, ofTeamLead);
        await ShouldNotSeeAsync(teamLead, ofSouthAgent, notFound);

        // An agent: only the leads assigned to them, not their team lead's, not another team's.
        await ShouldSeeAsync(northAgent, ofNorthAgent);
        await ShouldNotSeeAsync(northAgent, ofTeamLead, notFound);
        await ShouldNotSeeAsync(northAgent, ofSouthAgent, notFound);
        await ShouldSeeAsync(southAgent, ofSouthAgent);
        await ShouldNotSeeAsync(southAgent, ofNorthAgent, notFound);

        // The owner sees every lead.
        foreach (var lead in new[] { ofNorthAgent, ofSouthAgent, ofTeamLead })
        {
            await ShouldSeeAsync(owner.Client, lead);
        }
    }

    [Fact]
    public async Task Changing_the_grade_consent_or_objection_of_an_invisible_lead_is_404_and_changes_nothing()
    {
        var owner = await app.SignupAsync();
        var north = await LeadsApi.CreateTeamAsync(owner, "North");
        var (_, teamLead) = await LeadsApi.AddMemberAsync(app, owner, "team_lead", north);
        var (northAgentId, _) = await LeadsApi.AddMemberAsync(app, owner, "agent", north);
        var (outsiderId, _) = await LeadsApi.AddMemberAsync(app, owner, "agent");
        var visible = await CreateAssignedAsync(owner.Client, northAgentId);
        var invisible = await CreateAssignedAsync(owner.Client, outsiderId);
        await ScoringApi.WaitForScoreAsync(owner.Client, visible);
        await ScoringApi.WaitForScoreAsync(owner.Client, invisible);

        var grade = new { grade = "A", reason = "met them" };
        (await teamLead.PutAsJsonAsync($"/api/v1/leads/{invisible}/score/override", grade)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await teamLead.DeleteAsync($"/api/v1/leads/{invisible}/score/override")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await teamLead.PostAsJsonAsync($"/api/v1/leads/{invisible}/enrichment/objection", new { reason = "no" }))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await teamLead.PostAsJsonAsync($"/api/v1/leads/{invisible}/credit-consent",
                new { noticeVersion = "v1", agreed = true, purpose = "prequalification", ip = "203.0.113.7" }))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await teamLead.PutAsJsonAsync($"/api/v1/leads/{visible}/score/override", grade)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var score = (await ScoringApi.ScoreAsync(owner.Client, invisible))!.Value;
        (score.TryGetProperty("override", out var over) && over.ValueKind != JsonValueKind.Null).ShouldBeFalse("no grade override");
        var enrichment = await owner.Client.GetFromJsonAsync<JsonElement>($"/api/v1/leads/{invisible}/enrichment", ApiClient.Json);
        (enrichment.TryGetProperty("objection", out var objection) && objection.ValueKind != JsonValueKind.Null)
            .ShouldBeFalse("no objection");
        (await app.Database.ScalarAsync<long>("SELECT count(*) FROM enrichment.credit_consents WHERE tenant_id = $1 AND lead_id = $2",
            owner.TenantId, invisible)).ShouldBe(0);
        (await ScoringApi.ScoreAsync(owner.Client, visible))!.Value.GetProperty("grade").GetString().ShouldBe("A");
    }

    private static async Task ShouldSeeAsync(HttpClient client, Guid lead)
    {
        (await client.GetAsync($"/api/v1/leads/{lead}/score")).StatusCode.ShouldBe(HttpStatusCode.OK, $"the score of {lead}");
        (await client.GetAsync($"/api/v1/leads/{lead}/enrichment")).StatusCode.ShouldBe(HttpStatusCode.OK, $"the enrichment of {lead}");
    }

    private static async Task ShouldNotSeeAsync(HttpClient client, Guid lead, NotFoundShape unknown)
    {
        (await ShapeAsync(await client.GetAsync($"/api/v1/leads/{lead}/score"))).ShouldBe(unknown, $"the score of {lead}");
        (await ShapeAsync(await client.GetAsync($"/api/v1/leads/{lead}/enrichment"))).ShouldBe(unknown, $"the enrichment of {lead}");
        (await client.GetAsync($"/api/v1/leads/{lead}")).StatusCode.ShouldBe(HttpStatusCode.NotFound, "the lead itself");
    }

    /// <summary>What a 404 tells the caller, minus the per-request trace id.</summary>
    private sealed record NotFoundShape(HttpStatusCode Status, string? ContentType, string? Type, string? Title, int? ProblemStatus);

    private static async Task<NotFoundShape> ShapeAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.NotFound || text.Length == 0)
        {
            return new NotFoundShape(response.StatusCode, response.Content.Headers.ContentType?.MediaType, null, null, null);
        }

        var problem = JsonDocument.Parse(text).RootElement;
        return new NotFoundShape(response.StatusCode, response.Content.Headers.ContentType?.MediaType,
            problem.TryGetProperty("type", out var t) ? t.GetString() : null,
            problem.TryGetProperty("title", out var title) ? title.GetString() : null,
            problem.TryGetProperty("status", out var s) ? s.GetInt32() : null);
    }

    private static async Task<Guid> CreateAssignedAsync(HttpClient client, Guid agentId) =>
        (await LeadsApi.CreatedAsync(client, new
        {
            firstName = "Pat",
            email = $"pat-{Guid.NewGuid():N}@example.test",
            source = "website",
            type = "seller",
            assignedAgentId = agentId,
        })).GetProperty("id").GetGuid();
}
