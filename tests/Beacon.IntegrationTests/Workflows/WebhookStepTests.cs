using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Beacon.IntegrationTests.Webhooks;
using Beacon.TestKit;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Workflows;

public sealed class WebhookStepTests(BeaconApp app)
{
    private const string Secret = "whsec-test-0123456789";
    private static readonly object LeadCreated = new { type = "lead_created" };

    [Fact]
    public async Task A_webhook_step_posts_the_lead_signed_as_webhook_deliveries_are_and_the_enrollment_goes_on_without_waiting()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var owner = await app.SignupAsync();
        var workflow = await EngineApi.WorkflowAsync(owner.Client, LeadCreated,
            new { type = "webhook", url = receiver.Url, secret = Secret }, new { type = "add_tag", tag = "synced" });
        var lead = await WorkflowsApi.LeadAsync(owner.Client, "Wendy");

        var done = await EngineApi.EnrollmentAsync(owner.Client, workflow, e => e.GetProperty("status").GetString() == "completed"
            && e.Reasons().Any(r => r.Contains("webhook delivered", StringComparison.Ordinal)), "the webhook is delivered and the steps are done");

        var host = new Uri(receiver.Url).Authority;
        done.Reasons().ShouldContain($"step 1: webhook to {host} queued");
        done.Reasons().ShouldContain($"step 1: webhook delivered to {host} (200) on attempt 1");
        done.Reasons().ShouldContain("step 2: tag “synced” added");
        var received = receiver.Received.ShouldHaveSingleItem();
        received.Event.ShouldBe("workflow.step");
        var body = JsonDocument.Parse(received.Body).RootElement;
        body.GetProperty("lead").GetProperty("id").GetGuid().ShouldBe(lead);
        body.GetProperty("lead").GetProperty("firstName").GetString().ShouldBe("Wendy");
        body.GetProperty("workflow").GetProperty("id").GetGuid().ShouldBe(workflow);
        body.GetProperty("step").GetInt32().ShouldBe(1);
        var expected = "v1=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret),
            Encoding.UTF8.GetBytes(received.Timestamp + "." + received.Body)));
        received.Signature.ShouldBe(expected, "signed with the step's secret over {timestamp}.{body}, as docs/webhooks.md shows");
    }

    [Theory]
    [InlineData("https://169.254.169.254/latest/meta-data")]
    [InlineData("https://10.1.2.3/hook")]
    [InlineData("https://127.0.0.1/hook")]
    public async Task Outside_development_a_webhook_step_to_our_own_network_is_refused_naming_its_url(string url)
    {
        await using var production = new BeaconFactory(app.Database,
            new Dictionary<string, string?> { ["Beacon:Workflows:Webhook:AllowPrivateTargets"] = "false" });
        var owner = await ApiClient.SignupAsync(production.CreateClient);

        var response = await owner.Client.PostAsJsonAsync("/api/v1/workflows", new
        {
            name = "Sync to CRM",
            trigger = LeadCreated,
            steps = new object[] { new { type = "webhook", url, secret = Secret } },
        });

        (await response.FieldErrorsAsync("steps[0].url")).ShouldContain(m => m.Contains("private", StringComparison.Ordinal));
        (await owner.Client.GetFromJsonAsync<JsonElement>("/api/v1/workflows", ApiClient.Json)).ToString().ShouldNotContain("Sync to CRM");
    }

    [Fact]
    public async Task A_webhook_that_keeps_failing_is_retried_with_backoff_and_then_shown_failed_after_5_attempts()
    {
        await using var receiver = await WebhookReceiver.StartAsync(thenStatus: 503);
        var owner = await app.SignupAsync();
        var workflow = await EngineApi.WorkflowAsync(owner.Client, LeadCreated, new { type = "webhook", url = receiver.Url, secret = Secret });
        await WorkflowsApi.LeadAsync(owner.Client);

        var failed = await EngineApi.EnrollmentAsync(owner.Client, workflow,
            e => e.Reasons().Contains("step 1 failed after 5 attempts: 503"), "the fifth failure is recorded");

        failed.Reasons().Count(r => r.StartsWith("step 1: webhook attempt ", StringComparison.Ordinal)).ShouldBe(4);
        failed.Reasons().ShouldContain(r => r.StartsWith("step 1: webhook attempt 1 of 5 failed (503), retrying at", StringComparison.Ordinal));
        receiver.Received.Count.ShouldBe(5);
        receiver.Received.Select(r => r.Id).Distinct().Count().ShouldBe(1, "every attempt carries the same delivery id");
    }

    [Fact]
    public async Task Running_the_same_webhook_step_job_twice_posts_once()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var owner = await app.SignupAsync();
        var workflow = await EngineApi.WorkflowAsync(owner.Client, LeadCreated, new { type = "wait", delayMinutes = 1440 },
            new { type = "webhook", url = receiver.Url, secret = Secret });
        await WorkflowsApi.LeadAsync(owner.Client);
        var waiting = await EngineApi.EnrollmentAsync(owner.Client, workflow, e => e.GetProperty("currentStep").GetInt32() == 1, "waiting");

        await EngineApi.RunStepAsync(app, owner.TenantId, waiting.GetProperty("id").GetGuid(), 1);
        await EngineApi.RunStepAsync(app, owner.TenantId, waiting.GetProperty("id").GetGuid(), 1);

        var done = await EngineApi.EnrollmentAsync(owner.Client, workflow, e => e.GetProperty("status").GetString() == "completed"
            && e.Reasons().Any(r => r.Contains("webhook delivered", StringComparison.Ordinal)), "delivered and completed");
        done.Reasons().Count(r => r.EndsWith(" queued", StringComparison.Ordinal)).ShouldBe(1);
        (await app.Database.ScalarAsync<long>("SELECT count(*) FROM platform.jobs WHERE tenant_id = $1 AND handler = 'workflows.webhook'",
            owner.TenantId)).ShouldBe(0, "no second webhook job waits");
        receiver.Received.Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_webhook_that_fails_once_is_delivered_on_the_retry()
    {
        await using var receiver = await WebhookReceiver.StartAsync(script: [500]);
        var owner = await app.SignupAsync();
        var workflow = await EngineApi.WorkflowAsync(owner.Client, LeadCreated, new { type = "webhook", url = receiver.Url, secret = Secret });
        await WorkflowsApi.LeadAsync(owner.Client);

        var done = await EngineApi.EnrollmentAsync(owner.Client, workflow, e => e.Reasons().Any(r => r.Contains("delivered", StringComparison.Ordinal)),
            "delivered on the second attempt");

        done.Reasons().ShouldContain(string.Create(CultureInfo.InvariantCulture, $"step 1: webhook delivered to {new Uri(receiver.Url).Authority} (200) on attempt 2"));
    }
}
