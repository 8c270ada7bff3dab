using Beacon.TestKit;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Workflows;

public sealed class WaitModeTests(BeaconApp app)
{
    private static readonly object LeadCreated = new { type = "lead_created" };

    [Fact]
    public async Task A_wait_until_a_moment_already_past_lets_the_lead_through_at_once()
    {
        var owner = await app.SignupAsync();
        var workflow = await EngineApi.WorkflowAsync(owner.Client, LeadCreated,
            new { type = "wait", mode = "until", until = "2020-01-01T09:00:00-06:00" }, new { type = "add_tag", tag = "after" });
        await WorkflowsApi.LeadAsync(owner.Client);

        var done = await EngineApi.EnrollmentAsync(owner.Client, workflow, e => e.GetProperty("status").GetString() == "completed", "completed");

        done.Reasons().ShouldBe(["enrolled: lead created (api)", "step 1: wait until 2020-01-01 15:00 UTC already passed, continuing",
            "step 2: tag “after” added", "every step done"]);
    }

    [Fact]
    public async Task A_wait_until_a_future_moment_holds_the_next_step_until_that_moment()
    {
        var owner = await app.SignupAsync();
        var until = TimeProvider.System.GetUtcNow().AddDays(3);
        until = new DateTimeOffset(until.Year, until.Month, until.Day, 14, 30, 0, TimeSpan.Zero);
        var workflow = await EngineApi.WorkflowAsync(owner.Client, LeadCreated,
            new { type = "wait", mode = "until", until = until.ToOffset(TimeSpan.FromHours(-5)) }, new { type = "add_tag", tag = "after" });
        await WorkflowsApi.LeadAsync(owner.Client);

        var waiting = await EngineApi.EnrollmentAsync(owner.Client, workflow, e => e.GetProperty("currentStep").GetInt32() == 1, "waiting");

        waiting.GetProperty("nextFireAt").GetDateTimeOffset().ShouldBe(until);
        waiting.Reasons().ShouldContain($"step 1: waiting until {until:yyyy-MM-dd} 14:30 UTC");
    }

    [Fact]
    public async Task A_wait_until_business_hours_at_night_in_the_leads_zone_holds_the_next_step_until_8_am_there()
    {
        var owner = await app.SignupAsync();
        var night = EngineApi.NightZone();
        await EngineApi.SettingsAsync(owner.Client, night);
        var workflow = await EngineApi.WorkflowAsync(owner.Client, LeadCreated,
            new { type = "wait", mode = "until_business_hours" }, new { type = "add_tag", tag = "after" });
        await WorkflowsApi.LeadAsync(owner.Client);

        var waiting = await EngineApi.EnrollmentAsync(owner.Client, workflow, e => e.GetProperty("currentStep").GetInt32() == 1, "waiting");

        var zone = TimeZoneInfo.FindSystemTimeZoneById(night);
        var opens = TimeZoneInfo.ConvertTime(waiting.GetProperty("nextFireAt").GetDateTimeOffset(), zone);
        (opens.Hour, opens.Minute).ShouldBe((8, 0));
        (opens - TimeProvider.System.GetUtcNow()).ShouldBeLessThan(TimeSpan.FromHours(11), "the next 08:00, not a later one");
        waiting.Reasons().ShouldContain($"step 1: waiting for business hours, until 08:00 {night} (time zone from the brokerage's time zone)");
    }

    [Fact]
    public async Task A_wait_until_business_hours_in_the_daytime_goes_on_at_once()
    {
        var owner = await app.SignupAsync();
        var day = EngineApi.DaytimeZone();
        await EngineApi.SettingsAsync(owner.Client, day);
        var workflow = await EngineApi.WorkflowAsync(owner.Client, LeadCreated,
            new { type = "wait", mode = "until_business_hours" }, new { type = "add_tag", tag = "after" });
        await WorkflowsApi.LeadAsync(owner.Client);

        var done = await EngineApi.EnrollmentAsync(owner.Client, workflow, e => e.GetProperty("status").GetString() == "completed", "completed");

        done.Reasons().ShouldContain($"step 1: within business hours in {day} (time zone from the brokerage's time zone), continuing");
    }
}
