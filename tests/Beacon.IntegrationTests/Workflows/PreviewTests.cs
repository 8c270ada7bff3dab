using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Beacon.IntegrationTests.Leads;
using Beacon.TestKit;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Workflows;

public sealed class PreviewTests(BeaconApp app)
{
    [Fact]
    public async Task A_preview_renders_with_the_leads_values_and_lists_the_fallback_used_for_a_missing_one()
    {
        var (owner, _, agent) = await WorkflowsApi.BrokerageWithAgentAsync(app);
        var lead = (await LeadsApi.CreatedAsync(agent, new { firstName = "Maria", email = $"{Guid.NewGuid():N}@example.test" })).GetProperty("id").GetGuid();

        var response = await agent.PostAsJsonAsync("/api/v1/workflows/preview", new
        {
            subject = "Hi {{lead.firstName|there}}",
            body = "Dear {{lead.firstName}} {{lead.lastName|friend}}, from {{agent.name}}.",
            leadId = lead,
        });

        await response.EnsureSuccessAsync();
        var preview = await response.Content.ReadFromJsonAsync<JsonElement>(ApiClient.Json);
        preview.GetProperty("subject").GetString().ShouldBe("Hi Maria");
        preview.GetProperty("body").GetString().ShouldStartWith("Dear Maria friend, from ");
        preview.GetProperty("sample").GetBoolean().ShouldBeFalse();
        var lastName = preview.GetProperty("fields").EnumerateArray().Single(f => f.GetProperty("field").GetString() == "lead.lastName");
        lastName.GetProperty("fallbackUsed").GetBoolean().ShouldBeTrue();
        lastName.GetProperty("fallback").GetString().ShouldBe("friend");
        (await app.Database.ScalarAsync<long>("SELECT count(*) FROM workflows.definitions WHERE tenant_id = $1", owner.TenantId)).ShouldBe(0);
    }

    [Fact]
    public async Task A_preview_without_a_lead_uses_the_sample_lead_and_a_text_gets_its_opt_out_line_and_segments()
    {
        var owner = await app.SignupAsync();

        var response = await owner.Client.PostAsJsonAsync("/api/v1/workflows/preview",
            new { body = "Hi {{lead.firstName}}, it's {{agent.name}}.", channel = "sms" });

        await response.EnsureSuccessAsync();
        var preview = await response.Content.ReadFromJsonAsync<JsonElement>(ApiClient.Json);
        preview.GetProperty("sample").GetBoolean().ShouldBeTrue();
        preview.GetProperty("body").GetString()!.ShouldStartWith("Hi Jordan, it's ");
        preview.GetProperty("body").GetString()!.ShouldEndWith("Reply STOP to opt out.");
        preview.GetProperty("segments").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task An_unknown_merge_field_is_refused_naming_the_field_it_is_in()
    {
        var owner = await app.SignupAsync();

        var response = await owner.Client.PostAsJsonAsync("/api/v1/workflows/preview", new { subject = "Hello", body = "Hi {{lead.nickname}}" });

        (await response.FieldErrorsAsync("body")).Single().ShouldContain("{{lead.nickname}}");
    }

    [Fact]
    public async Task A_preview_for_a_lead_the_agent_may_not_view_is_answered_as_not_found()
    {
        var (owner, _, agent) = await WorkflowsApi.BrokerageWithAgentAsync(app);
        var (_, other) = await LeadsApi.AddMemberAsync(app, owner, "agent");
        var theirs = await WorkflowsApi.LeadAsync(other);

        var response = await agent.PostAsJsonAsync("/api/v1/workflows/preview", new { body = "Hi {{lead.firstName}}", leadId = theirs });

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
