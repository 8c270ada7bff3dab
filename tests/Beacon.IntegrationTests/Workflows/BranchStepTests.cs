using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Beacon.IntegrationTests.Leads;
using Beacon.TestKit;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Workflows;

public sealed class BranchStepTests(BeaconApp app)
{
    private static readonly object LeadCreated = new { type = "lead_created" };

    [Fact]
    public async Task A_branch_on_a_tag_takes_the_then_way_for_a_tagged_lead_and_the_else_way_for_the_others_saying_why()
    {
        var owner = await app.SignupAsync();
        var workflow = await EngineApi.WorkflowAsync(owner.Client, LeadCreated,
            new { type = "branch", field = "tag", @operator = "present", value = "VIP", thenStep = 2 },
            new { type = "add_tag", tag = "regular" },
            new { type = "set_stage", stage = "qualified" });

        var vip = (await LeadsApi.CreatedAsync(owner.Client, new { firstName = "Vera", email = $"{Guid.NewGuid():N}@example.test", tags = new[] { "vip" } }))
            .GetProperty("id").GetGuid();
        var vipRun = await Poller.UntilAsync(() => LeadRunAsync(owner.Client, workflow, vip), e => e?.GetProperty("status").GetString() == "completed",
            because: "the tagged lead's enrollment completes");
        vipRun!.Value.Reasons().ShouldBe(["enrolled: lead created (api)", "step 1: tag “VIP” present → step 3", "step 3: stage new → qualified",
            "every step done"]);

        var other = (await LeadsApi.CreatedAsync(owner.Client, new { firstName = "Otto", email = $"{Guid.NewGuid():N}@example.test" }))
            .GetProperty("id").GetGuid();
        var otherRun = await Poller.UntilAsync(() => LeadRunAsync(owner.Client, workflow, other), e => e?.GetProperty("status").GetString() == "completed",
            because: "the untagged lead's enrollment completes");
        otherRun!.Value.Reasons().ShouldBe(["enrolled: lead created (api)", "step 1: tag “VIP” absent, not met → step 2",
            "step 2: tag “regular” added", "step 3: stage new → qualified", "every step done"]);
        var lead = await owner.Client.GetFromJsonAsync<JsonElement>($"/api/v1/leads/{other}", ApiClient.Json);
        lead.GetProperty("tags").EnumerateArray().Select(t => t.GetString()).ShouldBe(["regular"]);
        lead.GetProperty("stage").GetString().ShouldBe("qualified");
    }

    [Fact]
    public async Task A_branch_on_the_served_score_compares_the_score_the_lead_has_now()
    {
        var owner = await app.SignupAsync();
        var workflow = await EngineApi.WorkflowAsync(owner.Client, LeadCreated,
            new { type = "wait", delayMinutes = 1440 },
            new { type = "branch", field = "score", @operator = "gte", value = "50", thenStep = 3, elseStep = 2 },
            new { type = "add_tag", tag = "cold" },
            new { type = "add_tag", tag = "warm" });
        var lead = (await LeadsApi.CreatedAsync(owner.Client, new { firstName = "Sam", email = $"{Guid.NewGuid():N}@example.test" }))
            .GetProperty("id").GetGuid();
        var score = await Poller.UntilAsync(() => owner.Client.GetFromJsonAsync<JsonElement>($"/api/v1/leads/{lead}/score", ApiClient.Json),
            s => s.GetProperty("status").GetString() == "scored", because: "scoring scores the new lead");
        var points = (int)Math.Round(score.GetProperty("probability").GetDouble() * 100);
        var waiting = await EngineApi.EnrollmentAsync(owner.Client, workflow, e => e.GetProperty("currentStep").GetInt32() == 1, "waiting a day");

        await EngineApi.RunStepAsync(app, owner.TenantId, waiting.GetProperty("id").GetGuid(), 1);

        var after = await EngineApi.EnrollmentAsync(owner.Client, workflow, e => e.Reasons().Any(r => r.StartsWith("step 2", StringComparison.Ordinal)),
            "the branch ran");
        var expected = points >= 50
            ? string.Create(CultureInfo.InvariantCulture, $"step 2: score {points} ≥ 50 → step 4")
            : string.Create(CultureInfo.InvariantCulture, $"step 2: score {points} < 50, not met → step 3");
        after.Reasons().ShouldContain(expected);
    }

    [Fact]
    public async Task A_jump_back_is_refused_naming_the_cycle_and_nothing_is_saved()
    {
        var owner = await app.SignupAsync();
        var response = await owner.Client.PostAsJsonAsync("/api/v1/workflows", new
        {
            name = "Loop",
            trigger = LeadCreated,
            steps = new object[]
            {
                new { type = "email", subject = "Hi", body = "Hello" },
                new { type = "wait", delayMinutes = 60 },
                new { type = "branch", field = "activity", @operator = "none_within_days", value = "7", thenStep = 0 },
            },
        });

        (await response.FieldErrorsAsync("steps[2].thenStep")).ShouldContain(e => e.Contains("step 1 → step 2 → step 3 → step 1", StringComparison.Ordinal));
        (await owner.Client.GetFromJsonAsync<List<JsonElement>>("/api/v1/workflows", ApiClient.Json))!.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("""{"type":"branch","field":"mood","operator":"is","value":"x"}""", "steps[0].field")]
    [InlineData("""{"type":"branch","field":"score","operator":"is","value":"50"}""", "steps[0].operator")]
    [InlineData("""{"type":"branch","field":"score","operator":"gte","value":"high"}""", "steps[0].value")]
    [InlineData("""{"type":"branch","field":"stage","operator":"is","value":"dreaming"}""", "steps[0].value")]
    [InlineData("""{"type":"branch","field":"tag","operator":"present","value":"vip","elseStep":7}""", "steps[0].elseStep")]
    [InlineData("""{"type":"set_stage","stage":"dreaming"}""", "steps[0].stage")]
    [InlineData("""{"type":"add_tag","tag":""}""", "steps[0].tag")]
    [InlineData("""{"type":"assign","agentId":"0195a1b2-0000-7000-8000-000000000001"}""", "steps[0].agentId")]
    [InlineData("""{"type":"wait","mode":"until"}""", "steps[0].until")]
    [InlineData("""{"type":"wait","mode":"someday"}""", "steps[0].mode")]
    [InlineData("""{"type":"webhook","url":"http://example.com/hook","secret":"0123456789abcdef"}""", "steps[0].url")]
    [InlineData("""{"type":"webhook","url":"not a url","secret":"0123456789abcdef"}""", "steps[0].url")]
    [InlineData("""{"type":"webhook","url":"https://example.com/hook","secret":"short"}""", "steps[0].secret")]
    public async Task A_step_the_engine_could_not_run_is_refused_naming_its_field(string step, string field)
    {
        var owner = await app.SignupAsync();
        var body = $$"""{"name":"Bad","trigger":{"type":"lead_created"},"steps":[{{step}},{"type":"goal"}]}""";

        var response = await owner.Client.PostAsync("/api/v1/workflows", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        (await response.FieldErrorsAsync(field)).ShouldNotBeEmpty();
        (await owner.Client.GetFromJsonAsync<List<JsonElement>>("/api/v1/workflows", ApiClient.Json))!.ShouldBeEmpty();
    }

    private static async Task<JsonElement?> LeadRunAsync(HttpClient client, Guid workflow, Guid lead) =>
        (await EngineApi.EnrollmentsAsync(client, workflow)).Cast<JsonElement?>()
            .FirstOrDefault(e => e!.Value.GetProperty("leadId").GetGuid() == lead);
}
