using System.Net.Http.Json;
using Beacon.TestKit;
using Beacon.Workflows.NoActivity;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Workflows;

/// <summary>The no-activity trigger: a sweep through the job queue, judged at the moment the tick is run for.</summary>
public sealed class NoActivityTests(BeaconApp app)
{
    [Fact]
    public async Task A_lead_quiet_for_the_workflows_days_is_enrolled_once_per_quiet_spell()
    {
        var owner = await app.SignupAsync();
        var lead = await WorkflowsApi.LeadAsync(owner.Client);
        await TriggerApi.QueueIdleAsync(app, owner.TenantId);
        var workflow = await TriggerApi.WorkflowAsync(owner.Client, new { type = "no_activity", days = 7 }, "after_exit", TriggerApi.EndsAtOnce);
        var now = TimeProvider.System.GetUtcNow();

        await SweepAsync(owner.TenantId, now.AddDays(3));
        (await EngineApi.EnrollmentsAsync(owner.Client, workflow)).ShouldBeEmpty("three quiet days are not seven");

        await SweepAsync(owner.TenantId, now.AddDays(8));
        var first = await EngineApi.EnrollmentAsync(owner.Client, workflow, e => e.GetProperty("status").GetString() == "completed",
            "eight quiet days enroll the lead, and the one-step enrollment ends");
        first.Reasons().First().ShouldStartWith("enrolled: no activity for 7 days (last on ");

        await SweepAsync(owner.TenantId, now.AddDays(9));
        (await EngineApi.EnrollmentsAsync(owner.Client, workflow)).Count.ShouldBe(1, "the same quiet spell enrolls once");

        (await owner.Client.PostAsJsonAsync($"/api/v1/leads/{lead}/activities", new { type = "note", body = "Drove by the house." }))
            .EnsureSuccessStatusCode();
        await SweepAsync(owner.TenantId, now.AddDays(10));
        await Poller.UntilAsync(() => EngineApi.EnrollmentsAsync(owner.Client, workflow), e => e.Count == 2,
            because: "the note started a new quiet spell, ten days old by then, which enrolls the lead again");
        await SweepAsync(owner.TenantId, now.AddDays(11));
        (await EngineApi.EnrollmentsAsync(owner.Client, workflow)).Count.ShouldBe(2, "the new spell enrolls once too");
    }

    [Fact]
    public async Task Ticks_of_two_nodes_at_once_queue_one_sweep_and_the_next_is_due_after_the_interval()
    {
        var owner = await app.SignupAsync();
        var at = TimeProvider.System.GetUtcNow().AddDays(40);
        using var scope = app.Factory.Services.CreateScope();
        var first = scope.ServiceProvider.GetRequiredService<NoActivityTick>();
        using var otherNode = app.Factory.Services.CreateScope();
        var second = otherNode.ServiceProvider.GetRequiredService<NoActivityTick>();

        var claims = await Task.WhenAll(first.RunTenantAsync(owner.TenantId, at, CancellationToken.None),
            second.RunTenantAsync(owner.TenantId, at, CancellationToken.None));

        claims.Count(c => c).ShouldBe(1);
        (await first.RunTenantAsync(owner.TenantId, at.AddMinutes(30), CancellationToken.None)).ShouldBeFalse("not due for an hour");
        (await first.RunTenantAsync(owner.TenantId, at.AddHours(1), CancellationToken.None)).ShouldBeTrue("due again after the interval");
    }

    /// <summary>Runs the scheduler's tick as of <paramref name="at"/> and waits for the sweep it queued to finish.</summary>
    private async Task SweepAsync(Guid tenant, DateTimeOffset at)
    {
        using var scope = app.Factory.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<NoActivityTick>().RunOnceAsync(at, CancellationToken.None);
        await TriggerApi.QueueIdleAsync(app, tenant);
    }
}
