using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Beacon.TestKit;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Leads;

/// <summary>
/// A capture that merges into an existing lead answers the whole lead only to a caller who may view it; anyone else
/// learns the lead's id and that it was a merge, nothing of the lead.
/// </summary>
public sealed class CaptureMergeVisibilityTests(BeaconApp app)
{
    [Fact]
    public async Task An_agent_merging_into_another_agents_lead_gets_its_id_and_status_only_and_the_merge_still_happens()
    {
        var owner = await app.SignupAsync();
        var (aliceId, alice) = await LeadsApi.AddMemberAsync(app, owner, "agent");
        var (_, bob) = await LeadsApi.AddMemberAsync(app, owner, "agent");
        var email = $"kim-{Guid.NewGuid():N}@example.test";
        var id = (await LeadsApi.CreatedAsync(owner.Client, new
        {
            firstName = "Kim",
            lastName = "Private",
            email,
            phone = "(916) 555-0188",
            source = "zillow",
            assignedAgentId = aliceId,
            customFields = new { budgetNote = "cash buyer" },
        })).GetProperty("id").GetGuid();

        var (response, body) = await LeadsApi.CaptureAsync(bob, new { email, source = "website", tags = new[] { "open-house" } });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        body.EnumerateObject().Select(p => p.Name).Order().ShouldBe(["id", "status"]);
        body.GetProperty("id").GetGuid().ShouldBe(id);
        body.GetProperty("status").GetString().ShouldBe("merged");
        response.Headers.ETag.ShouldBeNull();
        response.Headers.Location.ShouldBeNull();
        (await bob.GetAsync($"/api/v1/leads/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound, "bob still may not read it");

        var lead = await owner.Client.GetFromJsonAsync<JsonElement>($"/api/v1/leads/{id}", ApiClient.Json);
        lead.GetProperty("assignedTo").GetGuid().ShouldBe(aliceId, "a merge does not move the lead");
        lead.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).ShouldContain("open-house", "the merge happened");
        (await LeadsApi.CountAsync(app, owner.TenantId)).ShouldBe(1);

        var (mine, full) = await LeadsApi.CaptureAsync(alice, new { email, source = "website" });
        mine.StatusCode.ShouldBe(HttpStatusCode.OK);
        mine.Headers.ETag.ShouldNotBeNull();
        full.GetProperty("id").GetGuid().ShouldBe(id);
        full.GetProperty("lastName").GetString().ShouldBe("Private");
        full.GetProperty("customFields").GetProperty("budgetNote").GetString().ShouldBe("cash buyer");
    }

    [Fact]
    public async Task An_agent_role_api_key_gets_the_receipt_and_the_owner_gets_the_whole_merged_lead()
    {
        var owner = await app.SignupAsync();
        var (agentId, _) = await LeadsApi.AddMemberAsync(app, owner, "agent");
        var phone = $"+1916555{Random.Shared.Next(0, 10_000):D4}";
        var id = (await LeadsApi.CreatedAsync(owner.Client, new { firstName = "Lee", phone, source = "referral", assignedAgentId = agentId }))
            .GetProperty("id").GetGuid();
        var key = await owner.Client.PostAsJsonAsync("/api/v1/api-keys", new { name = "Website form", role = "agent" });
        await key.EnsureSuccessAsync();
        var integration = app.Anonymous();
        integration.DefaultRequestHeaders.Add("X-Api-Key",
            (await key.Content.ReadFromJsonAsync<JsonElement>(ApiClient.Json)).GetProperty("key").GetString());

        var (viaKey, receipt) = await LeadsApi.CaptureAsync(integration, new { phone, source = "website", message = "Call me" });
        viaKey.StatusCode.ShouldBe(HttpStatusCode.OK);
        receipt.EnumerateObject().Select(p => p.Name).Order().ShouldBe(["id", "status"]);
        receipt.GetProperty("id").GetGuid().ShouldBe(id);

        var (asOwner, full) = await LeadsApi.CaptureAsync(owner.Client, new { phone, source = "website" });
        asOwner.StatusCode.ShouldBe(HttpStatusCode.OK);
        full.GetProperty("id").GetGuid().ShouldBe(id);
        full.GetProperty("firstName").GetString().ShouldBe("Lee");
        full.GetProperty("assignedTo").GetGuid().ShouldBe(agentId);
    }

    [Fact]
    public async Task Replaying_an_idempotency_key_does_not_hand_the_stored_lead_to_a_caller_who_may_not_view_it()
    {
        var owner = await app.SignupAsync();
        var (aliceId, alice) = await LeadsApi.AddMemberAsync(app, owner, "agent");
        var (_, bob) = await LeadsApi.AddMemberAsync(app, owner, "agent");
        var email = $"jo-{Guid.NewGuid():N}@example.test";
        await LeadsApi.CreatedAsync(owner.Client, new { firstName = "Jo", lastName = "Hidden", email, assignedAgentId = aliceId });
        var capture = new { email, source = "website" };
        var key = $"form-{Guid.NewGuid():N}";

        var (first, full) = await LeadsApi.CaptureAsync(alice, capture, key);
        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        full.GetProperty("lastName").GetString().ShouldBe("Hidden");

        var (replay, receipt) = await LeadsApi.CaptureAsync(bob, capture, key);
        replay.StatusCode.ShouldBe(HttpStatusCode.OK);
        replay.Headers.GetValues("Idempotent-Replayed").ShouldBe(["true"]);
        receipt.EnumerateObject().Select(p => p.Name).Order().ShouldBe(["id", "status"]);
        receipt.GetProperty("id").GetGuid().ShouldBe(full.GetProperty("id").GetGuid());

        var (again, same) = await LeadsApi.CaptureAsync(alice, capture, key);
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        same.GetProperty("lastName").GetString().ShouldBe("Hidden", "the caller who may view it gets the stored lead");
    }
}
