using System.Net.Http.Json;
using Beacon.IntegrationTests.Leads;
using Beacon.TestKit;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Workflows;

public sealed class EngineTests(BeaconApp app)
{
    private static readonly object LeadCreated = new { type = "lead_created" };
    private static readonly object WaitADay = new { type = "wait", delayMinutes = 1440 };

    [Fact]
    public async Task A_new_lead_is_enrolled_and_its_email_arrives_over_smtp_with_merge_fields_the_postal_address_and_an_unsubscribe_link()
    {
        var owner = await app.SignupAsync();
        await EngineApi.SettingsAsync(owner.Client, EngineApi.DaytimeZone());
        var workflow = await EngineApi.WorkflowAsync(owner.Client, LeadCreated,
            new { type = "email", subject = "Hi {{lead.firstName|there}}", body = "Hello {{lead.firstName|there}}, {{lead.lastName|friend}} here is {{agent.name}}." });
        var email = $"{Guid.NewGuid():N}@example.test";

        await LeadsApi.CreatedAsync(owner.Client, new { firstName = "Ann", email });

        var message = (await SmtpSink.Shared.WaitForAsync(email))[0];
        message.Subject.ShouldBe("Hi Ann");
        message.TextBody!.ShouldContain("Hello Ann, friend here is");
        message.TextBody!.ShouldContain("Acme Realty, 1 Main St, Springfield, IL 62701");
        message.TextBody!.ShouldContain($"/unsubscribe?tenant={owner.TenantId}&enrollment=");
        var enrollment = await EngineApi.EnrollmentAsync(owner.Client, workflow, e => e.GetProperty("status").GetString() == "completed",
            "the one-step enrollment completes");
        enrollment.Reasons().ShouldBe(["enrolled: lead created (api)", $"step 1: e-mail \"Hi Ann\" sent to {email}", "every step done"]);
    }

    [Fact]
    public async Task Running_the_same_step_job_twice_sends_the_email_once()
    {
        var owner = await app.SignupAsync();
        await EngineApi.SettingsAsync(owner.Client, EngineApi.DaytimeZone());
        var workflow = await EngineApi.WorkflowAsync(owner.Client, LeadCreated, WaitADay, new { type = "email", subject = "Once", body = "Only once." });
        var email = $"{Guid.NewGuid():N}@example.test";
        await LeadsApi.CreatedAsync(owner.Client, new { email });
        var waiting = await EngineApi.EnrollmentAsync(owner.Client, workflow, e => e.GetProperty("currentStep").GetInt32() == 1,
            "the wait step ran and the e-mail is due tomorrow");
        var id = waiting.GetProperty("id").GetGuid();

        await EngineApi.RunStepAsync(app, owner.TenantId, id, 1);
        await EngineApi.RunStepAsync(app, owner.TenantId, id, 1);

        await SmtpSink.Shared.WaitForAsync(email);
        var done = await EngineApi.EnrollmentAsync(owner.Client, workflow, e => e.GetProperty("status").GetString() == "completed", "completed");
        done.Reasons().Count(r => r.Contains("sent to", StringComparison.Ordinal)).ShouldBe(1);
        (await app.Database.ScalarAsync<long>("""
            SELECT count(*) FROM platform.jobs WHERE tenant_id = $1 AND handler = 'platform.send-email'
            """, owner.TenantId)).ShouldBe(0, "no second e-mail is queued");
        SmtpSink.Shared.MessagesTo(email).Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_reply_from_the_lead_stops_the_enrollment_and_its_next_email_is_never_sent()
    {
        var owner = await app.SignupAsync();
        await EngineApi.SettingsAsync(owner.Client, EngineApi.DaytimeZone());
        var workflow = await EngineApi.WorkflowAsync(owner.Client, LeadCreated, WaitADay, new { type = "email", subject = "Nudge", body = "Still looking?" });
        var email = $"{Guid.NewGuid():N}@example.test";
        var lead = (await LeadsApi.CreatedAsync(owner.Client, new { email })).GetProperty("id").GetGuid();
        var waiting = await EngineApi.EnrollmentAsync(owner.Client, workflow, e => e.GetProperty("currentStep").GetInt32() == 1, "waiting");

        (await owner.Client.PostAsJsonAsync($"/api/v1/leads/{lead}/activities",
            new { type = "email", body = "Yes, call me", data = new { direction = "inbound" } })).EnsureSuccessStatusCode();

        var stopped = await EngineApi.EnrollmentAsync(owner.Client, workflow, e => e.GetProperty("status").GetString() == "stopped", "stopped");
        stopped.GetProperty("reason").GetString().ShouldBe("stopped: the lead replied (e-mail)");
        await EngineApi.RunStepAsync(app, owner.TenantId, waiting.GetProperty("id").GetGuid(), 1);
        (await app.Database.ScalarAsync<long>("""
            SELECT count(*) FROM platform.jobs WHERE tenant_id = $1 AND handler = 'platform.send-email'
            """, owner.TenantId)).ShouldBe(0);
        SmtpSink.Shared.MessagesTo(email).ShouldBeEmpty();
    }

    [Fact]
    public async Task Withdrawing_email_consent_stops_the_enrollment()
    {
        var owner = await app.SignupAsync();
        await EngineApi.SettingsAsync(owner.Client, EngineApi.DaytimeZone());
        var workflow = await EngineApi.WorkflowAsync(owner.Client, LeadCreated, WaitADay, new { type = "email", subject = "Hi", body = "Hi." });
        var lead = (await LeadsApi.CreatedAsync(owner.Client, new { email = $"{Guid.NewGuid():N}@example.test" })).GetProperty("id").GetGuid();
        await EngineApi.EnrollmentAsync(owner.Client, workflow, e => e.GetProperty("currentStep").GetInt32() == 1, "waiting");

        (await owner.Client.PostAsJsonAsync($"/api/v1/leads/{lead}/consents",
            new { purpose = "email_marketing", decision = "withdrawn", source = "phone call" })).EnsureSuccessStatusCode();

        var stopped = await EngineApi.EnrollmentAsync(owner.Client, workflow, e => e.GetProperty("status").GetString() == "stopped", "stopped");
        stopped.GetProperty("reason").GetString().ShouldBe("stopped: the lead opted out of e-mail");
    }

    [Fact]
    public async Task The_unsubscribe_link_stops_every_running_enrollment_of_the_lead()
    {
        var owner = await app.SignupAsync();
        await EngineApi.SettingsAsync(owner.Client, EngineApi.DaytimeZone());
        var workflow = await EngineApi.WorkflowAsync(owner.Client, LeadCreated, WaitADay, new { type = "email", subject = "Hi", body = "Hi." });
        await LeadsApi.CreatedAsync(owner.Client, new { email = $"{Guid.NewGuid():N}@example.test" });
        var waiting = await EngineApi.EnrollmentAsync(owner.Client, workflow, e => e.GetProperty("currentStep").GetInt32() == 1, "waiting");

        (await app.Anonymous().PostAsJsonAsync("/api/v1/auth/unsubscribe",
            new { tenant = owner.TenantId, enrollment = waiting.GetProperty("id").GetGuid() })).EnsureSuccessStatusCode();

        var stopped = await EngineApi.EnrollmentAsync(owner.Client, workflow, e => e.GetProperty("status").GetString() == "stopped", "stopped");
        stopped.GetProperty("reason").GetString().ShouldBe("stopped: the lead unsubscribed (link in a workflow e-mail)");
    }

    [Fact]
    public async Task An_email_due_at_night_in_the_leads_zone_is_deferred_to_8_am_there_with_the_reason()
    {
        var owner = await app.SignupAsync();
        var night = EngineApi.NightZone();
        await EngineApi.SettingsAsync(owner.Client, night);
        var workflow = await EngineApi.WorkflowAsync(owner.Client, LeadCreated, new { type = "email", subject = "Hi", body = "Hi." });
        var email = $"{Guid.NewGuid():N}@example.test";

        await LeadsApi.CreatedAsync(owner.Client, new { email });

        var zone = TimeZoneInfo.FindSystemTimeZoneById(night);
        var deferred = await EngineApi.EnrollmentAsync(owner.Client, workflow,
            e => e.Reasons().Count() == 2 && e.GetProperty("nextFireAt").ValueKind == System.Text.Json.JsonValueKind.String
                && TimeZoneInfo.ConvertTime(e.GetProperty("nextFireAt").GetDateTimeOffset(), zone).TimeOfDay == TimeSpan.FromHours(8),
            "the step was deferred to 08:00 in the lead's zone");
        deferred.Reasons().Last().ShouldBe($"step 1 not sent: quiet hours until 08:00 {night} (time zone from the brokerage's time zone)");
        var next = TimeZoneInfo.ConvertTime(deferred.GetProperty("nextFireAt").GetDateTimeOffset(), zone);
        next.TimeOfDay.ShouldBe(TimeSpan.FromHours(8));
        deferred.GetProperty("status").GetString().ShouldBe("active");
        SmtpSink.Shared.MessagesTo(email).ShouldBeEmpty();
    }
}
