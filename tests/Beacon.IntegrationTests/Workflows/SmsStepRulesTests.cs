using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Beacon.TestKit;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Workflows;

public sealed class SmsStepRulesTests(BeaconApp app)
{
    private static async Task<JsonElement> RefusedAsync(HttpClient client, object step, string field)
    {
        var response = await client.PostAsJsonAsync("/api/v1/workflows",
            new { name = "Texts", trigger = new { type = "lead_created" }, steps = new[] { new { type = "wait", delayMinutes = 5 }, step } });
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(ApiClient.Json);
        problem.GetProperty("errors").TryGetProperty(field, out var messages).ShouldBeTrue(problem.ToString());
        return messages;
    }

    [Fact]
    public async Task An_sms_body_over_ten_segments_is_refused_naming_the_field_and_the_encoding()
    {
        var owner = await app.SignupAsync();

        var gsm = await RefusedAsync(owner.Client, new { type = "sms", body = new string('a', 1_560) }, "steps[1].body");
        var ucs2 = await RefusedAsync(owner.Client, new { type = "sms", body = "Hi 😀 " + new string('a', 700) }, "steps[1].body");

        gsm[0].GetString()!.ShouldStartWith("11 segments with the opt-out line (GSM-7)");
        ucs2[0].GetString()!.ShouldContain("UCS-2");
        (await app.Database.ScalarAsync<long>("SELECT count(*) FROM workflows.definitions WHERE tenant_id = $1", owner.TenantId)).ShouldBe(0);
    }

    [Fact]
    public async Task An_sms_without_a_body_or_with_an_unknown_merge_field_is_refused_naming_the_field()
    {
        var owner = await app.SignupAsync();

        await RefusedAsync(owner.Client, new { type = "sms" }, "steps[1].body");
        var unknown = await RefusedAsync(owner.Client, new { type = "sms", body = "Hi {{lead.nickname}}" }, "steps[1].body");

        unknown[0].GetString()!.ShouldStartWith("Unknown merge field {{lead.nickname}}");
    }

    [Fact]
    public async Task An_sms_step_on_a_server_without_a_gateway_is_skipped_with_the_reason()
    {
        var owner = await app.SignupAsync();
        await EngineApi.SettingsAsync(owner.Client, EngineApi.DaytimeZone());
        var workflow = await EngineApi.WorkflowAsync(owner.Client, new { type = "lead_created" }, new { type = "sms", body = "Hello" });

        await Leads.LeadsApi.CreatedAsync(owner.Client, new { phone = "+442079465555" });

        var done = await EngineApi.EnrollmentAsync(owner.Client, workflow, e => e.GetProperty("status").GetString() == "completed", "completed");
        done.Reasons().ShouldContain("step 1 not sent: no SMS gateway is configured (Beacon:Sms)");
    }
}
