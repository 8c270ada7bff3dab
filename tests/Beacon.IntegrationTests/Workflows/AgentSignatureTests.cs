using System.Net.Http.Json;
using System.Text.Json;
using Beacon.IntegrationTests.Identity;
using Beacon.IntegrationTests.Leads;
using Beacon.TestKit;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Workflows;

/// <summary>
/// <c>{{agent.signature}}</c>: the assigned agent's own e-mail signature (Settings → Profile), or their name, phone and
/// e-mail when they have none; Workflows learns of profile changes through Identity's <c>user.profile_changed</c>.
/// </summary>
public sealed class AgentSignatureTests(BeaconApp app)
{
    [Fact]
    public async Task A_workflow_email_ends_with_the_assigned_agents_own_signature_after_they_set_it_and_their_new_name()
    {
        var (owner, _, agent) = await WorkflowsApi.BrokerageWithAgentAsync(app);
        await EngineApi.SettingsAsync(owner.Client, EngineApi.DaytimeZone());
        await (await agent.PatchAsJsonAsync("/api/v1/me", new
        {
            displayName = "Rita Realtor",
            signature = "Rita Realtor, Buyer Specialist\r\nAcme Realty · 312 555 0142\r\n",
        })).EnsureSuccessAsync();
        const string Expected = "Rita Realtor, Buyer Specialist\nAcme Realty · 312 555 0142";
        await Poller.UntilAsync(() => PreviewAsync(agent, "{{agent.signature}} / {{agent.name}}"), body => body == $"{Expected} / Rita Realtor",
            because: "Workflows' members learn the new signature and name from user.profile_changed");
        await EngineApi.WorkflowAsync(owner.Client, new { type = "lead_created" },
            new { type = "email", subject = "Hi {{lead.firstName|there}}", body = "Hi {{lead.firstName|there}},\n\nAny questions?\n\n{{agent.signature}}" });
        var email = $"{Guid.NewGuid():N}@example.test";

        await LeadsApi.CreatedAsync(agent, new { firstName = "Ann", email });

        var message = (await SmtpSink.Shared.WaitForAsync(email))[0];
        message.TextBody!.ReplaceLineEndings("\n").ShouldContain($"Any questions?\n\n{Expected}");
    }

    [Fact]
    public async Task Without_a_signature_of_their_own_an_agent_signs_with_their_name_phone_and_email_and_clearing_it_goes_back_to_that()
    {
        var (_, _, agent) = await WorkflowsApi.BrokerageWithAgentAsync(app);
        await (await agent.PatchAsJsonAsync("/api/v1/me", new { phone = "+1 312 555 0100", signature = "Ray" })).EnsureSuccessAsync();
        await Poller.UntilAsync(() => PreviewAsync(agent, "{{agent.signature}}"), body => body == "Ray", because: "the signature is projected");
        var me = await agent.GetFromJsonAsync<JsonElement>("/api/v1/me", ApiClient.Json);

        await (await agent.PatchAsJsonAsync("/api/v1/me", new { signature = "" })).EnsureSuccessAsync();

        var fallback = $"{me.GetProperty("displayName").GetString()}\n+1 312 555 0100\n{me.GetProperty("email").GetString()}";
        await Poller.UntilAsync(() => PreviewAsync(agent, "{{agent.signature}}"), body => body == fallback,
            because: "a cleared signature falls back to the name, phone and e-mail");
        (await agent.GetFromJsonAsync<JsonElement>("/api/v1/me", ApiClient.Json)).GetProperty("signature").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Theory]
    [InlineData(1001, "")]
    [InlineData(10, "\u0007")]
    public async Task A_signature_too_long_or_with_a_control_character_is_400_naming_it_and_changes_nothing(int length, string extra)
    {
        var owner = await app.SignupAsync();
        await (await owner.Client.PatchAsJsonAsync("/api/v1/me", new { signature = "Kept" })).EnsureSuccessAsync();

        await PasswordResetTests.ShouldBeBadAsync(await owner.Client.PatchAsJsonAsync("/api/v1/me",
            new { displayName = "Changed", signature = new string('x', length) + extra }), "signature");

        var me = await owner.Client.GetFromJsonAsync<JsonElement>("/api/v1/me", ApiClient.Json);
        me.GetProperty("signature").GetString().ShouldBe("Kept");
        me.GetProperty("displayName").GetString().ShouldBe("Test Owner");
    }

    private static async Task<string?> PreviewAsync(HttpClient client, string body)
    {
        var response = await client.PostAsJsonAsync("/api/v1/workflows/preview", new { body });
        await response.EnsureSuccessAsync();
        return (await response.Content.ReadFromJsonAsync<JsonElement>(ApiClient.Json)).GetProperty("body").GetString();
    }
}
