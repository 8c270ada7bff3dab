using Beacon.Contracts.Leads;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Messaging;
using Beacon.Workflows.Definitions;
using Beacon.Workflows.Engine;
using Microsoft.Extensions.Options;

namespace Beacon.Workflows.NoActivity;

/// <summary>One batch of a brokerage's no-activity sweep: leads after <paramref name="After"/> in id order, judged as of <paramref name="AsOf"/>.</summary>
internal sealed record QuietSweepBatch(Guid After, DateTimeOffset AsOf);

/// <summary>
/// Enrolls the leads of one batch that had no activity for a no-activity workflow's <c>days</c>, then queues the next
/// batch. A lead is enrolled once per quiet spell: the enrollment keeps the last activity it was made for, and a lead
/// whose last activity has not moved since is not enrolled again, however many sweeps find it quiet. Closed leads are
/// left alone (the deal is done).
/// </summary>
internal sealed class NoActivitySweepJob(ILeadSnapshots leads, TriggerEnrollment enrollment, IOptions<NoActivityOptions> options,
    TimeProvider clock) : IJobHandler<QuietSweepBatch>
{
    public const string Name = "workflows.no-activity-sweep";

    public async Task HandleAsync(QuietSweepBatch batch, JobInfo job, TenantTransaction tx, CancellationToken ct)
    {
        var workflows = (await WorkflowStore.ActiveAsync(tx.Connection, tx.Transaction, tx.TenantId, ct))
            .Where(w => w.Trigger is { Type: TriggerRules.NoActivity, Days: > 0 }).ToList();
        if (workflows.Count == 0)
        {
            return;
        }

        var size = options.Value.BatchSize;
        var ids = await leads.LiveLeadIdsAsync(tx.TenantId, batch.After, size, ct);
        if (ids.Count == 0)
        {
            return;
        }

        var quiet = (await leads.GetManyAsync(tx.TenantId, ids, 0, ct)).Where(l => l.Stage != "closed").ToList();
        var optedOut = workflows.Any(w => w.Reenrollment == Reenrollments.AfterExit)
            ? await enrollment.OptedOutAsync(tx, [.. quiet.Select(l => l.LeadId)], ct)
            : new HashSet<Guid>();
        var now = clock.GetUtcNow();
        foreach (var workflow in workflows)
        {
            var days = workflow.Trigger.Days!.Value;
            foreach (var lead in quiet.Where(l => l.LastActivityAt <= batch.AsOf.AddDays(-days)))
            {
                var reenter = workflow.Reenrollment == Reenrollments.AfterExit && !optedOut.Contains(lead.LeadId);
                await EnrollmentStore.EnrollAsync(tx, workflow.WorkflowId, workflow.Version, lead.LeadId,
                    $"enrolled: no activity for {days} day{(days == 1 ? "" : "s")} (last on {lead.LastActivityAt:yyyy-MM-dd})", now,
                    reenter, lead.LastActivityAt, ct);
            }
        }

        if (ids.Count == size)
        {
            tx.Enqueue(Name, batch with { After = ids[^1] });
        }
    }
}
