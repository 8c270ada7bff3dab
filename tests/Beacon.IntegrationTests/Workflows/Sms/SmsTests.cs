using System.Net;
using System.Net.Http.Json;
using System.Text;
using Beacon.IntegrationTests.Leads;
using Beacon.TestKit;
using Beacon.Workflows.Engine;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Workflows.Sms;

[Collection(SmsCollection.Name)]
public sealed class SmsTests(SmsFixture sms)
{
    private static readonly object LeadCreated = new { type = "lead_created" };
    private static readonly object WaitADay = new { type = "wait", delayMinutes = 1440 };

    /// <summary>A London number: no US area code, so quiet hours follow the brokerage's (daytime) zone whatever the hour.</summary>
    private static string NewPhone() => "+44207946" + Random.Shared.Next(1000, 9999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private async Task<TenantSession> BrokerageAsync()
    {
        var owner = await sms.SignupAsync();
        await EngineApi.SettingsAsync(owner.Client, EngineApi.DaytimeZone());
        return owner;
    }

    [Fact]
    public async Task An_sms_step_texts_the_lead_through_the_gateway_and_the_delivery_receipt_lands_on_the_history()
    {
        var owner = await BrokerageAsync();
        var workflow = await EngineApi.WorkflowAsync(owner.Client, LeadCreated, new { type = "sms", body = "Hi {{lead.firstName|there}}, it's {{agent.name}}." });
        var phone = NewPhone();

        await LeadsApi.CreatedAsync(owner.Client, new { firstName = "Ann", phone });

        var texts = await Poller.UntilAsync(() => sms.TextsToAsync(phone), t => t.Count == 1, because: "the gateway took the text");
        texts[0].GetProperty("body").GetString().ShouldStartWith("Hi Ann, it's ");
        texts[0].GetProperty("body").GetString().ShouldEndWith("\nReply STOP to opt out.");
        texts[0].GetProperty("from").GetString().ShouldBe(SmsFixture.OurNumber);
        var enrollment = await EngineApi.EnrollmentAsync(owner.Client, workflow,
            e => e.Reasons().Contains($"step 1: SMS delivered to {phone}"), "the gateway's delivery receipt is recorded");
        enrollment.Reasons().ShouldContain($"step 1: SMS queued to {phone} (1 segment)");
        enrollment.GetProperty("status").GetString().ShouldBe("completed");
    }

    [Fact]
    public async Task A_text_the_gateway_cannot_deliver_is_recorded_as_failed_with_the_gateways_reason()
    {
        var owner = await BrokerageAsync();
        var workflow = await EngineApi.WorkflowAsync(owner.Client, LeadCreated, new { type = "sms", body = "Hello" });

        await LeadsApi.CreatedAsync(owner.Client, new { firstName = "Bo", phone = "+15005550009" });

        await EngineApi.EnrollmentAsync(owner.Client, workflow,
            e => e.Reasons().Contains("step 1: SMS to +15005550009 failed: Unreachable destination handset (30003)"), "the failure is recorded");
    }

    [Fact]
    public async Task A_reply_by_sms_stops_the_leads_enrollment_before_its_next_text()
    {
        var owner = await BrokerageAsync();
        var workflow = await EngineApi.WorkflowAsync(owner.Client, LeadCreated,
            new { type = "sms", body = "Still looking?" }, WaitADay, new { type = "sms", body = "Any news?" });
        var phone = NewPhone();
        await LeadsApi.CreatedAsync(owner.Client, new { phone });
        var waiting = await EngineApi.EnrollmentAsync(owner.Client, workflow, e => e.GetProperty("currentStep").GetInt32() == 2, "waiting");

        await sms.TextFromAsync(owner.TenantId, phone, "Yes, call me tomorrow");

        var stopped = await EngineApi.EnrollmentAsync(owner.Client, workflow, e => e.GetProperty("status").GetString() == "stopped", "stopped");
        stopped.GetProperty("reason").GetString().ShouldBe("stopped: the lead replied by SMS");
        await sms.RunStepAsync(owner.TenantId, waiting.GetProperty("id").GetGuid(), 2);
        (await sms.TextsToAsync(phone)).Count.ShouldBe(1, "only the first text was sent");
    }

    [Fact]
    public async Task A_lead_who_objected_to_marketing_texts_gets_no_text_and_the_history_says_why()
    {
        var owner = await BrokerageAsync();
        var workflow = await EngineApi.WorkflowAsync(owner.Client, LeadCreated, WaitADay, new { type = "sms", body = "New listings for you" });
        var phone = NewPhone();
        var lead = (await LeadsApi.CreatedAsync(owner.Client, new { firstName = "Nina", phone })).GetProperty("id").GetGuid();
        var waiting = await EngineApi.EnrollmentAsync(owner.Client, workflow, e => e.GetProperty("currentStep").GetInt32() == 1, "waiting");
        (await owner.Client.PostAsJsonAsync($"/api/v1/leads/{lead}/consents",
            new { purpose = "sms_marketing", decision = "withdrawn", source = "phone call" })).EnsureSuccessStatusCode();

        await sms.RunStepAsync(owner.TenantId, waiting.GetProperty("id").GetGuid(), 1);

        var stopped = await EngineApi.EnrollmentAsync(owner.Client, workflow, e => e.GetProperty("status").GetString() == "stopped", "stopped");
        stopped.Reasons().ShouldContain("step 2 not sent: the lead objected to marketing texts");
        (await sms.TextsToAsync(phone)).ShouldBeEmpty("a lead who objected to marketing texts was texted");
    }

    [Fact]
    public async Task A_lead_that_texted_stop_gets_no_more_texts_and_start_opts_them_back_in()
    {
        var owner = await BrokerageAsync();
        var first = await EngineApi.WorkflowAsync(owner.Client, LeadCreated, WaitADay, new { type = "sms", body = "First" });
        var second = await EngineApi.WorkflowAsync(owner.Client, LeadCreated, WaitADay, new { type = "sms", body = "Second" });
        var phone = NewPhone();
        await LeadsApi.CreatedAsync(owner.Client, new { phone });
        var one = await EngineApi.EnrollmentAsync(owner.Client, first, e => e.GetProperty("currentStep").GetInt32() == 1, "waiting");
        var two = await EngineApi.EnrollmentAsync(owner.Client, second, e => e.GetProperty("currentStep").GetInt32() == 1, "waiting");

        await sms.TextFromAsync(owner.TenantId, phone, "stop");
        await sms.RunStepAsync(owner.TenantId, one.GetProperty("id").GetGuid(), 1);

        var stopped = await EngineApi.EnrollmentAsync(owner.Client, first, e => e.GetProperty("status").GetString() == "stopped", "stopped");
        stopped.GetProperty("reason").GetString().ShouldBe($"step 2 not sent: the lead opted out of SMS (texted STOP from {phone})");

        await sms.TextFromAsync(owner.TenantId, phone, "START");
        await sms.RunStepAsync(owner.TenantId, two.GetProperty("id").GetGuid(), 1);

        var texts = await Poller.UntilAsync(() => sms.TextsToAsync(phone), t => t.Count == 1, because: "opted back in, the second workflow texts");
        texts[0].GetProperty("body").GetString().ShouldStartWith("Second");
    }

    [Fact]
    public async Task A_callback_with_a_wrong_signature_is_refused_naming_the_header_and_changes_nothing()
    {
        var owner = await BrokerageAsync();
        const string body = "MessageSid=SMforged&From=%2B442079461234&To=%2B13125550000&Body=STOP";
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/auth/sms/inbound?tenant={owner.TenantId}")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        request.Headers.Add(SmsSignature.Header,
            SmsSignature.Sign("not-the-token", TimeProvider.System.GetUtcNow().ToUnixTimeSeconds(), $"tenant={owner.TenantId}", body));

        var response = await sms.Factory.CreateClient().SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("field").GetString().ShouldBe("X-Sms-Signature");
        (await sms.Database.ScalarAsync<long>("SELECT count(*) FROM workflows.sms_opt_outs WHERE tenant_id = $1", owner.TenantId)).ShouldBe(0);
    }

    [Fact]
    public async Task A_stop_signed_for_one_brokerage_replayed_to_another_is_refused_and_opts_nobody_out_there()
    {
        var first = await BrokerageAsync();
        var second = await BrokerageAsync();
        const string body = "MessageSid=SMreplayed&From=%2B442079461235&To=%2B13125550000&Body=STOP";
        var signature = SmsSignature.Sign("sandbox-sms-token", TimeProvider.System.GetUtcNow().ToUnixTimeSeconds(), $"tenant={first.TenantId}", body);
        using var replay = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/auth/sms/inbound?tenant={second.TenantId}")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        replay.Headers.Add(SmsSignature.Header, signature);

        var response = await sms.Factory.CreateClient().SendAsync(replay);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, "a signature over the first brokerage's URL was accepted for the second");
        (await sms.Database.ScalarAsync<long>("SELECT count(*) FROM workflows.sms_opt_outs WHERE tenant_id = $1", second.TenantId)).ShouldBe(0);
    }
}
