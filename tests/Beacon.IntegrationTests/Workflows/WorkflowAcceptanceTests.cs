using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Beacon.IntegrationTests.Leads;
using Beacon.IntegrationTests.Workflows.Sms;
using Beacon.TestKit;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Workflows;

/// <summary>
/// The follow-up plan's acceptance tests, each standing on its own. They share the SMS fixture's server (its own database
/// and a real sandbox gateway, so an SMS reply arrives as the gateway's webhook); the simulated week and the killed node
/// bring their own databases (see the other parts of this class).
/// </summary>
[Collection(SmsCollection.Name)]
public sealed partial class WorkflowAcceptanceTests(SmsFixture sms)
{
    private static readonly object WaitADay = new { type = "wait", delayMinutes = 1440 };

    private async Task<TenantSession> BrokerageAsync()
    {
        var owner = await sms.SignupAsync();
        await EngineApi.SettingsAsync(owner.Client, EngineApi.DaytimeZone());
        return owner;
    }

    [Fact]
    public async Task Lifecycle_lead_created_is_scored_triggers_a_score_workflow_and_the_email_reaches_the_smtp_server()
    {
        var owner = await BrokerageAsync();
        // Any first score is at least 1: the lead's first score crosses it upward (no previous score counts as 0).
        var workflow = await EngineApi.WorkflowAsync(owner.Client, new { type = "score_crossed", threshold = 1, direction = "up" },
            new { type = "email", subject = "Welcome {{lead.firstName|there}}", body = "Thanks for reaching out." });
        var email = $"{Guid.NewGuid():N}@example.test";

        var clock = Stopwatch.StartNew();
        var lead = (await LeadsApi.CreatedAsync(owner.Client, new { firstName = "Ann", email })).GetProperty("id").GetGuid();

        var message = (await Poller.UntilAsync(() => Task.FromResult(SmtpSink.Shared.MessagesTo(email)), m => m.Count > 0,
            TimeSpan.FromSeconds(60), "step 3 (send): the workflow's e-mail reaches the SMTP server"))[0];
        var latency = clock.Elapsed;
        TestContext.Current.TestOutputHelper?.WriteLine($"lead creation -> e-mail accepted by SMTP: {latency.TotalMilliseconds:0} ms");
        message.Subject.ShouldBe("Welcome Ann", "step 3 (send): the e-mail's merge fields");
        var score = await owner.Client.GetFromJsonAsync<JsonElement>($"/api/v1/leads/{lead}/score", ApiClient.Json);
        score.GetProperty("status").GetString().ShouldBe("scored", "step 1 (score): the lead was scored");
        var done = await EngineApi.EnrollmentAsync(owner.Client, workflow, e => e.GetProperty("status").GetString() == "completed",
            "step 2 (trigger): the score enrolled the lead and the enrollment completed");
        done.Reasons().First().ShouldStartWith("enrolled: score moved from none to ", customMessage: "step 2 (trigger): enrolled by the score");
        SmtpSink.Shared.MessagesTo(email).Count.ShouldBe(1, "step 3 (send): exactly one e-mail");
    }

    [Fact]
    public async Task Score_change_trigger_enrolls_on_crossing_up_and_down_and_not_on_a_move_within_the_band()
    {
        var owner = await BrokerageAsync();
        var up = await EngineApi.WorkflowAsync(owner.Client, new { type = "score_crossed", threshold = 40, direction = "up" }, WaitADay);
        var down = await EngineApi.WorkflowAsync(owner.Client, new { type = "score_crossed", threshold = 40, direction = "down" }, WaitADay);
        // The rule scorecard: a referral with a phone is ~6 with a 12+ month timeline, ~29 buying now, ~50 buying now in cash.
        var lead = (await LeadsApi.CreatedAsync(owner.Client, new
        {
            email = $"{Guid.NewGuid():N}@example.test",
            phone = "+442079460001",
            source = "referral",
            timeline = "12_plus_months",
        })).GetProperty("id").GetGuid();
        var low = await ScoreAsync(owner.Client, lead, s => s < 40, "created below the threshold");

        var mid = await PatchAsync(owner.Client, lead, new { timeline = "asap" }, s => s > low + 5 && s < 40, "moved within the band below 40");
        (await EngineApi.EnrollmentsAsync(owner.Client, up)).ShouldBeEmpty($"move within the band ({low} -> {mid}): no 'up' enrollment");
        (await EngineApi.EnrollmentsAsync(owner.Client, down)).ShouldBeEmpty($"move within the band ({low} -> {mid}): no 'down' enrollment");

        var high = await PatchAsync(owner.Client, lead, new { financing = "cash" }, s => s >= 40, "crossed 40 upward");
        var enrolledUp = await EngineApi.EnrollmentAsync(owner.Client, up, _ => true, $"crossing up ({mid} -> {high}) enrolls in 'up'");
        enrolledUp.Reasons().First().ShouldBe($"enrolled: score moved from {mid} to {high}", "crossing up: the reason");

        var back = await PatchAsync(owner.Client, lead, new { financing = "needs_lender" }, s => s < 40, "crossed 40 downward");
        var enrolledDown = await EngineApi.EnrollmentAsync(owner.Client, down, _ => true, $"crossing down ({high} -> {back}) enrolls in 'down'");
        enrolledDown.Reasons().First().ShouldBe($"enrolled: score moved from {high} to {back}", "crossing down: the reason");
        (await EngineApi.EnrollmentsAsync(owner.Client, up)).Count.ShouldBe(1, "crossing down does not enroll in 'up' again");
    }

    [Fact]
    public async Task Stop_on_reply_email_reply_sms_reply_and_logged_call_each_stop_the_enrollment()
    {
        var owner = await BrokerageAsync();
        var workflow = await EngineApi.WorkflowAsync(owner.Client, new { type = "lead_created" },
            new { type = "sms", body = "Still looking?" }, WaitADay, new { type = "email", subject = "Any news?", body = "Hi again." });
        var replies = new (string Name, Func<Guid, string, Task> Act, string Reason)[]
        {
            ("e-mail reply", (lead, _) => ActivityAsync(owner.Client, lead, new { type = "email", body = "Yes", data = new { direction = "inbound" } }),
                "stopped: the lead replied (e-mail)"),
            ("SMS reply", (_, phone) => sms.TextFromAsync(owner.TenantId, phone, "Yes, call me"), "stopped: the lead replied by SMS"),
            ("logged call", (lead, _) => ActivityAsync(owner.Client, lead, new { type = "call", body = "Talked for 10 minutes" }),
                "stopped: a call with the lead was logged"),
        };
        foreach (var (name, act, reason) in replies)
        {
            var phone = "+44207946" + Random.Shared.Next(1000, 9999).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var email = $"{Guid.NewGuid():N}@example.test";
            var lead = (await LeadsApi.CreatedAsync(owner.Client, new { email, phone })).GetProperty("id").GetGuid();
            var waiting = await Poller.UntilAsync(() => EngineApi.EnrollmentsAsync(owner.Client, workflow),
                all => all.Any(e => e.GetProperty("leadId").GetGuid() == lead && e.GetProperty("currentStep").GetInt32() == 2),
                because: $"{name}: the text went and the e-mail waits a day");

            await act(lead, phone);

            var stopped = await Poller.UntilAsync(() => EngineApi.EnrollmentsAsync(owner.Client, workflow),
                all => all.Any(e => e.GetProperty("leadId").GetGuid() == lead && e.GetProperty("status").GetString() == "stopped"),
                because: $"{name}: the enrollment stops");
            stopped.Single(e => e.GetProperty("leadId").GetGuid() == lead).GetProperty("reason").GetString().ShouldBe(reason, name);
            var id = waiting.Single(e => e.GetProperty("leadId").GetGuid() == lead).GetProperty("id").GetGuid();
            await sms.RunStepAsync(owner.TenantId, id, 2); // the e-mail's time comes anyway
            (await sms.Database.ScalarAsync<long>("SELECT count(*) FROM platform.jobs WHERE handler = 'platform.send-email' AND payload->>'to' = $1",
                email)).ShouldBe(0, $"{name}: no e-mail queued after the stop");
            SmtpSink.Shared.MessagesTo(email).ShouldBeEmpty($"{name}: no e-mail after the stop");
        }
    }

    private static async Task ActivityAsync(HttpClient client, Guid lead, object activity) =>
        await (await client.PostAsJsonAsync($"/api/v1/leads/{lead}/activities", activity)).EnsureSuccessAsync();

    private static async Task<int> ScoreAsync(HttpClient client, Guid lead, Func<int, bool> expected, string step)
    {
        var score = await Poller.UntilAsync(async () => await client.GetFromJsonAsync<JsonElement>($"/api/v1/leads/{lead}/score", ApiClient.Json),
            s => s.GetProperty("status").GetString() == "scored" && expected(Percent(s)), because: $"score: {step}");
        return Percent(score);
    }

    private static async Task<int> PatchAsync(HttpClient client, Guid lead, object change, Func<int, bool> expected, string step)
    {
        await (await client.PatchAsJsonAsync($"/api/v1/leads/{lead}", change)).EnsureSuccessAsync();
        return await ScoreAsync(client, lead, expected, step);
    }

    private static int Percent(JsonElement score) => (int)Math.Round(score.GetProperty("probability").GetDouble() * 100);
}
