using Beacon.IntegrationTests.Leads;
using Beacon.TestKit;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Workflows;

public sealed partial class WorkflowAcceptanceTests
{
    private const int InFlight = 40;

    [Fact]
    public async Task Restart_mid_enrollment_loses_no_step_and_sends_none_twice()
    {
        // A database of its own: the shared in-process server would take the step jobs too.
        await using var database = new TestDatabase();
        await database.InitializeAsync();
        var settings = NodeSettings(database);
        var first = await ServerProcess.StartAsync(settings);
        var owner = await ApiClient.SignupAsync(() => new HttpClient { BaseAddress = first.BaseAddress });
        await EngineApi.SettingsAsync(owner.Client, EngineApi.DaytimeZone());
        await EngineApi.WorkflowAsync(owner.Client, new { type = "lead_created" }, new { type = "email", subject = "First", body = "1" },
            new { type = "wait", delayMinutes = 1 }, new { type = "email", subject = "Second", body = "2" });
        var emails = Enumerable.Range(0, InFlight).Select(_ => $"{Guid.NewGuid():N}@example.test").ToList();
        using (var gate = new SemaphoreSlim(8))
        {
            await Task.WhenAll(emails.Select(async email =>
            {
                await gate.WaitAsync();
                try
                {
                    await LeadsApi.CreatedAsync(owner.Client, new { email });
                }
                finally
                {
                    gate.Release();
                }
            }));
        }

        await Poller.UntilAsync(() => Task.FromResult(emails.Sum(e => SmtpSink.Shared.MessagesTo(e).Count)), n => n > 0,
            TimeSpan.FromSeconds(60), "kill: the first node has started sending");
        first.Kill(); // SIGKILL: no grace, no hand-back; its claims lapse after the visibility timeout
        await first.DisposeAsync();
        var completedAtKill = await CompletedAsync(database, owner.TenantId);
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"killed with {InFlight - completedAtKill} of {InFlight} enrollments unfinished, {emails.Sum(e => SmtpSink.Shared.MessagesTo(e).Count)} e-mails received");
        completedAtKill.ShouldBeLessThan(InFlight, "kill: enrollments were in flight when the node died");

        await using var second = await ServerProcess.StartAsync(settings);
        await Poller.UntilAsync(() => CompletedAsync(database, owner.TenantId), n => n == InFlight, TimeSpan.FromMinutes(3),
            $"restart: every enrollment completes on the new node\n{second.Output}");

        (await database.ScalarAsync<long>("""
            SELECT count(*) FROM workflows.enrollments e
             WHERE e.tenant_id = $1 AND (SELECT count(*) FROM workflows.step_runs r WHERE r.tenant_id = e.tenant_id AND r.enrollment_id = e.id) <> 3
            """, owner.TenantId)).ShouldBe(0, "restart: every enrollment ran each of its three steps exactly once");
        foreach (var email in emails)
        {
            var received = await Poller.UntilAsync(() => Task.FromResult(SmtpSink.Shared.MessagesTo(email)),
                m => m.Select(x => x.MessageId).Distinct().Count() >= 2, TimeSpan.FromSeconds(60), $"smtp: both e-mails reach {email}");
            // A node killed after the SMTP server accepted a message but before its job committed sends it again with the
            // same Message-ID (the job's message id), which receivers drop: one e-mail is one Message-ID.
            string.Join(", ", received.GroupBy(m => m.MessageId).Select(g => g.First().Subject).Order())
                .ShouldBe("First, Second", $"smtp: {email} got each e-mail exactly once");
        }
    }

    private static Task<long> CompletedAsync(TestDatabase database, Guid tenant) => database.ScalarAsync<long>(
        "SELECT count(*) FROM workflows.enrollments WHERE tenant_id = $1 AND status = 'completed'", tenant);

    private static Dictionary<string, string?> NodeSettings(TestDatabase database)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Beacon"] = database.AppConnectionString,
            ["Beacon:Auth:KeyEncryptionKey"] = database.KeyEncryptionKey,
            // The killed node's claims lapse quickly, so the next node takes its jobs over.
            ["Beacon:Jobs:VisibilityTimeout"] = "00:00:05",
            ["Beacon:Billing:SchedulerEnabled"] = "false",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in BeaconFactory.QueueSettings)
        {
            settings.TryAdd(key, value);
        }

        return settings;
    }
}
