using System.Net.Http.Json;
using Beacon.IntegrationTests.Leads;
using Beacon.IntegrationTests.Workflows;
using Beacon.TestKit;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Assistant;

/// <summary>
/// The message drafter: finds the lead with the person's permissions, checks Workflows' sending rules (opt-outs,
/// quiet hours in the lead's zone), drafts from templates, never sends, and audits what it drafted or refused.
/// Leads have a London number (no US area code), so their zone is the brokerage's, chosen for the hour the test runs.
/// </summary>
public sealed class AssistantDrafterTests(BeaconApp app)
{
    private const string OptOutLine = "\nReply STOP to opt out.";

    [Fact]
    public async Task A_text_in_daytime_is_drafted_with_the_opt_out_line_within_two_segments_audited_and_never_sent()
    {
        var owner = await app.SignupAsync();
        await EngineApi.SettingsAsync(owner.Client, EngineApi.DaytimeZone());
        var lead = await LeadAsync(owner.Client, "Maria", "Daylight");
        await using var chat = await AssistantClient.ConnectAsync(app, owner.Tokens.AccessToken);

        var answer = await chat.AskAsync("text Maria Daylight that the price dropped on the house on Elm Street she loved, "
            + "the one with the big garden, the new kitchen, the three bedrooms upstairs and the finished basement, and that "
            + "the sellers would now also consider an offer with a later closing date if that helps her");

        answer.AgentName.ShouldBe("message_drafter");
        answer.Text.ShouldStartWith("Here is a text to Maria Daylight (");
        answer.Text.ShouldContain("I don’t send it");
        var draft = answer.Draft.ShouldNotBeNull();
        draft.GetProperty("channel").GetString().ShouldBe("sms");
        draft.GetProperty("leadId").GetGuid().ShouldBe(lead);
        var body = draft.GetProperty("body").GetString()!;
        body.ShouldStartWith("Hi Maria, Good news: the price dropped on the house on Elm Street you loved");
        body.ShouldEndWith(OptOutLine);
        draft.GetProperty("segments").GetInt32().ShouldBeLessThanOrEqualTo(2);
        draft.GetProperty("notes").EnumerateArray().Select(n => n.GetString()).ShouldContain(n => n!.StartsWith("Shortened to fit two text segments"));
        var stored = (await AssistantClient.ThreadAsync(owner.Client, answer.ThreadId)).GetProperty("messages")[1];
        stored.GetProperty("draft").GetProperty("body").GetString().ShouldBe(body, "the thread shows the draft again");
        (await app.Database.ScalarAsync<long>("""
            SELECT count(*) FROM audit.entries WHERE tenant_id = $1 AND action = 'AssistantDraftMessage' AND actor_kind = 'assistant'
               AND subject_id = $2
            """, owner.TenantId, lead.ToString())).ShouldBe(1);
        (await app.Database.ScalarAsync<long>("SELECT count(*) FROM workflows.sms_messages WHERE tenant_id = $1", owner.TenantId))
            .ShouldBe(0, "the drafter never sends");
    }

    [Fact]
    public async Task At_night_in_the_leads_zone_the_email_is_drafted_with_the_quiet_hours_warning()
    {
        var owner = await app.SignupAsync();
        var night = EngineApi.NightZone();
        await EngineApi.SettingsAsync(owner.Client, night);
        await LeadAsync(owner.Client, "Nora", "Nightowl");
        await using var chat = await AssistantClient.ConnectAsync(app, owner.Tokens.AccessToken);

        var answer = await chat.AskAsync("draft an email to Nora Nightowl about the open house Saturday");

        var draft = answer.Draft.ShouldNotBeNull();
        draft.GetProperty("channel").GetString().ShouldBe("email");
        draft.GetProperty("subject").GetString().ShouldBe("Open house Saturday");
        draft.GetProperty("body").GetString().ShouldStartWith("Hi Nora,\n\nYou're invited to the open house Saturday.");
        var note = draft.GetProperty("notes")[0].GetString()!;
        note.ShouldStartWith("It is ");
        note.ShouldContain($" in {night} for Nora Nightowl; sending now would break quiet hours — send after 08:00");
        answer.Text.ShouldContain("⚠ It is ");
    }

    [Fact]
    public async Task A_lead_who_withdrew_consent_to_marketing_emails_gets_no_draft_and_the_answer_says_why()
    {
        var owner = await app.SignupAsync();
        await EngineApi.SettingsAsync(owner.Client, EngineApi.DaytimeZone());
        var lead = await LeadAsync(owner.Client, "Olga", "Optedout");
        (await owner.Client.PostAsJsonAsync($"/api/v1/leads/{lead}/consents",
            new { purpose = "email_marketing", decision = "withdrawn", source = "phone call" })).EnsureSuccessStatusCode();
        await using var chat = await AssistantClient.ConnectAsync(app, owner.Tokens.AccessToken);

        var answer = await chat.AskAsync("write a follow-up email to Olga Optedout");

        answer.AgentName.ShouldBe("message_drafter");
        answer.Text.ShouldBe("I won’t draft an e-mail to Olga Optedout: Olga Optedout opted out of e-mail (an objection to e-mail marketing is recorded).");
        answer.Draft.ShouldBeNull();
        (await app.Database.ScalarAsync<string>(
            "SELECT payload->'after'->>'outcome' FROM audit.entries WHERE tenant_id = $1 AND action = 'AssistantDraftMessage'",
            owner.TenantId)).ShouldBe("refused", "a refusal is audited too");
    }

    [Fact]
    public async Task An_agent_role_user_cannot_draft_to_a_lead_they_cannot_open()
    {
        var owner = await app.SignupAsync();
        await EngineApi.SettingsAsync(owner.Client, EngineApi.DaytimeZone());
        var (annId, ann) = await LeadsApi.AddMemberAsync(app, owner, "agent");
        var (bobId, _) = await LeadsApi.AddMemberAsync(app, owner, "agent");
        await LeadAsync(owner.Client, "Avery", "Annsdraft", annId);
        await LeadAsync(owner.Client, "Blake", "Bobsdraft", bobId);
        await using var chat = await AssistantClient.ConnectAsync(app, AssistantClient.TokenOf(ann));

        var other = await chat.AskAsync("draft a text to Blake Bobsdraft about the open house Saturday");
        var own = await chat.AskAsync("draft a text to Avery Annsdraft about the open house Saturday");

        other.Text.ShouldBe("I can’t find a lead called “Blake Bobsdraft” among the leads you can see.");
        other.Draft.ShouldBeNull();
        own.Draft.ShouldNotBeNull().GetProperty("leadName").GetString().ShouldBe("Avery Annsdraft");
        (await app.Database.ScalarAsync<long>("SELECT count(*) FROM audit.entries WHERE tenant_id = $1 AND action = 'AssistantDraftMessage'",
            owner.TenantId)).ShouldBe(1, "only the draft for her own lead is audited");
    }

    [Fact]
    public async Task Erasing_a_lead_drops_the_drafts_written_to_them_and_the_export_has_them_before()
    {
        var owner = await app.SignupAsync();
        await EngineApi.SettingsAsync(owner.Client, EngineApi.DaytimeZone());
        var lead = await LeadAsync(owner.Client, "Ezra", "Erasewell");
        await using var chat = await AssistantClient.ConnectAsync(app, owner.Tokens.AccessToken);
        (await chat.AskAsync("write an email to Ezra Erasewell about the showing tomorrow")).Draft.ShouldNotBeNull();
        var export = await owner.Client.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/leads/{lead}/export", ApiClient.Json);
        export.GetProperty("sections").GetProperty("assistant").GetProperty("answers")[0].GetProperty("draft").GetProperty("subject")
            .GetString().ShouldBe("Your showing");

        (await owner.Client.PostAsJsonAsync($"/api/v1/leads/{lead}/erase", new { reason = "data subject request" })).EnsureSuccessStatusCode();

        (await app.Database.ScalarAsync<long>("""
            SELECT count(*) FROM assistant.messages WHERE tenant_id = $1 AND (draft IS NOT NULL OR text ILIKE '%Erasewell%')
            """, owner.TenantId)).ShouldBe(0);
    }

    /// <summary>A lead with a London number and an e-mail address, assigned to <paramref name="agent"/> when given.</summary>
    private static async Task<Guid> LeadAsync(HttpClient client, string first, string last, Guid? agent = null) =>
        (await LeadsApi.CreatedAsync(client, new
        {
            firstName = first,
            lastName = last,
            email = $"{first}-{Guid.NewGuid():N}@example.test".ToLowerInvariant(),
            phone = "+44207946" + Random.Shared.Next(1000, 9999).ToString(System.Globalization.CultureInfo.InvariantCulture),
            assignedAgentId = agent,
        })).GetProperty("id").GetGuid();
}
