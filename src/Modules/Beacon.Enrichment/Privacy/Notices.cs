using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Messaging;
using Dapper;

namespace Beacon.Enrichment.Privacy;

/// <summary>
/// GDPR Art. 14: a person whose data we obtained from someone else must be told within a month. The first time
/// enrichment learns something about an EU/EEA subject, the notice is recorded (due in 30 days) and a job is queued
/// to issue it; issuing marks it (delivery through a channel arrives with the Workflows module).
/// </summary>
internal static class Notices
{
    public const string Art14 = "gdpr_art14";
    public const string IssueJob = "enrichment.art14-notice";

    public static async Task ScheduleArt14Async(TenantTransaction tx, Guid leadId, DateTimeOffset now, CancellationToken ct)
    {
        var inserted = await tx.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO enrichment.notices (tenant_id, lead_id, kind, scheduled_for, due_by)
            VALUES (@tenant, @leadId, @kind, @now, @due) ON CONFLICT (tenant_id, lead_id, kind) DO NOTHING
            """, new { tenant = tx.TenantId, leadId, kind = Art14, now, due = now.AddDays(30) }, tx.Transaction, cancellationToken: ct));
        if (inserted == 1)
        {
            tx.Enqueue(IssueJob, new NoticePayload(leadId), now);
        }
    }
}

internal sealed record NoticePayload(Guid LeadId);

internal sealed class IssueArt14NoticeJob(TimeProvider clock) : IJobHandler<NoticePayload>
{
    public Task HandleAsync(NoticePayload payload, JobInfo job, TenantTransaction transaction, CancellationToken ct) =>
        transaction.Connection.ExecuteAsync(new CommandDefinition("""
            UPDATE enrichment.notices SET issued_at = @now
            WHERE tenant_id = @tenant AND lead_id = @leadId AND kind = @kind AND issued_at IS NULL
            """, new { tenant = transaction.TenantId, payload.LeadId, kind = Notices.Art14, now = clock.GetUtcNow() },
            transaction.Transaction, cancellationToken: ct));
}
