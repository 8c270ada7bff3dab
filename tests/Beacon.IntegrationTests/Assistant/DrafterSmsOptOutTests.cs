using System.Globalization;
using Beacon.IntegrationTests.Leads;
using Beacon.IntegrationTests.Workflows;
using Beacon.IntegrationTests.Workflows.Sms;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Assistant;

/// <summary>The drafter and a real STOP: the lead texts STOP through the sandbox gateway to the brokerage's inbound webhook.</summary>
[Collection(SmsCollection.Name)]
public sealed class DrafterSmsOptOutTests(SmsFixture sms)
{
    [Fact]
    public async Task A_lead_who_texted_STOP_gets_no_text_draft_and_the_answer_says_why_while_an_email_is_still_drafted()
    {
        var owner = await sms.SignupAsync();
        await EngineApi.SettingsAsync(owner.Client, EngineApi.DaytimeZone());
        var phone = "+44207946" + Random.Shared.Next(1000, 9999).ToString(CultureInfo.InvariantCulture);
        await LeadsApi.CreatedAsync(owner.Client, new { firstName = "Stella", lastName = "Stopper", phone, email = $"{Guid.NewGuid():N}@example.test" });
        await sms.TextFromAsync(owner.TenantId, phone, "STOP");
        await using var chat = await AssistantClient.ConnectAsync(sms.Factory, owner.Tokens.AccessToken);

        var text = await chat.AskAsync("text Stella Stopper that the price dropped");
        var email = await chat.AskAsync("email Stella Stopper that the price dropped");

        text.AgentName.ShouldBe("message_drafter");
        text.Text.ShouldBe("I won’t draft a text to Stella Stopper: Stella Stopper opted out of texts (replied STOP).");
        text.Draft.ShouldBeNull();
        email.Draft.ShouldNotBeNull().GetProperty("channel").GetString().ShouldBe("email", "opting out of texts is not opting out of e-mail");
    }
}
