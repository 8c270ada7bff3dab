using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Email;
using Beacon.TestKit;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace Beacon.IntegrationTests.Platform;

/// <summary>
/// E-mail leaves through the job queue, committed with the change, to a real SMTP server. The run's shared sink: any
/// node on the test database may claim the job, and every node sends there (a sink of this test's own would miss
/// the messages that another test's server sent).
/// </summary>
public sealed class EmailTests(BeaconApp app)
{
    [Fact]
    public async Task An_email_queued_in_a_committed_transaction_is_sent_once_over_smtp_with_its_message_id()
    {
        var smtp = SmtpSink.Shared;
        var owner = await app.SignupAsync();
        var to = $"someone-{Guid.NewGuid():N}@example.test";
        var db = app.Factory.Services.GetRequiredService<Db>();

        Guid messageId;
        await using (var tx = await db.BeginAsync(owner.TenantId, CancellationToken.None))
        {
            messageId = tx.EnqueueEmail(new EmailMessage(to, "Welcome to Beacon", "Your brokerage is ready."));
            await tx.CommitAsync(CancellationToken.None);
        }

        var received = (await smtp.WaitForAsync(to)).Single();
        received.Subject.ShouldBe("Welcome to Beacon");
        received.TextBody!.ShouldContain("Your brokerage is ready.");
        received.MessageId.ShouldBe($"{messageId:N}@beacon");
        await Poller.UntilAsync(() => app.Database.ScalarAsync<long>(
            "SELECT count(*) FROM platform.jobs WHERE message_id = $1", messageId), n => n == 0, because: "the job is done");
        smtp.MessagesTo(to).Count.ShouldBe(1);
    }

    [Fact]
    public async Task An_email_queued_in_a_rolled_back_transaction_is_never_sent()
    {
        var smtp = SmtpSink.Shared;
        var owner = await app.SignupAsync();
        var db = app.Factory.Services.GetRequiredService<Db>();
        var lost = $"never-{Guid.NewGuid():N}@example.test";
        var sent = $"sent-{Guid.NewGuid():N}@example.test";

        await using (var tx = await db.BeginAsync(owner.TenantId, CancellationToken.None))
        {
            tx.EnqueueEmail(new EmailMessage(lost, "Rolled back", "-"));
        }

        await using (var tx = await db.BeginAsync(owner.TenantId, CancellationToken.None))
        {
            tx.EnqueueEmail(new EmailMessage(sent, "Committed", "-"));
            await tx.CommitAsync(CancellationToken.None);
        }

        await smtp.WaitForAsync(sent);
        smtp.MessagesTo(lost).ShouldBeEmpty("the later, committed e-mail has gone; the rolled-back one never will");
    }
}
