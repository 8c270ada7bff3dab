using Beacon.Contracts.Leads;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Messaging;

namespace Beacon.Workflows.Engine;

/// <summary>
/// Runs one enrollment's step when it is due, under the enrollment's row lock. A step acts at most once: its
/// idempotency key (enrollment + step) commits with what it did (the e-mail's job, the task, the next step's job),
/// so a redelivered or duplicated job finds the key taken and does nothing.
/// </summary>
internal sealed class StepJob(ILeadSnapshots leads, MessageGate gate, StepActions actions, VersionCache versions, TimeProvider clock)
    : IJobHandler<StepDue>
{
    public async Task HandleAsync(StepDue due, JobInfo job, TenantTransaction tx, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (await EnrollmentStore.LockAsync(tx, due.EnrollmentId, ct) is not { Status: "active" } enrollment
            || enrollment.CurrentStep != due.Step)
        {
            return; // ended, or this step is behind it: a stale job
        }

        if (await PauseGate.HoldIfPausedAsync(tx, enrollment, now, ct))
        {
            return; // parked until the workflow is resumed
        }

        var workflow = await versions.GetAsync(tx, enrollment, ct);
        var label = $"step {due.Step + 1}";
        if (await leads.GetAsync(tx.Connection, tx.Transaction, tx.TenantId, enrollment.LeadId, 0, ct) is not { } lead)
        {
            await EnrollmentStore.EndAsync(tx, enrollment.Id, due.Step, "stopped", $"{label} not run: the lead was deleted", now, ct);
            return;
        }

        var hasGoal = workflow.Steps.Any(s => s.Type == "goal");
        if (hasGoal && lead.Stage == "closed")
        {
            await EnrollmentStore.EndAsync(tx, enrollment.Id, due.Step, "completed", "goal reached: the lead converted", now, ct);
            return;
        }

        var step = workflow.Steps[due.Step];
        if (step.Type is "email" or "sms" && await gate.CheckAsync(tx, step.Type, lead, label, now, ct) is { } verdict)
        {
            if (verdict.Until is { } until)
            {
                await EnrollmentStore.HistoryAsync(tx, enrollment.Id, due.Step, "deferred", verdict.Reason, now, ct);
                await EnrollmentStore.ScheduleAsync(tx, enrollment.Id, due.Step, until, job.Attempt, now, ct);
            }
            else
            {
                await EnrollmentStore.EndAsync(tx, enrollment.Id, due.Step, "stopped", verdict.Reason, now, ct);
            }

            return;
        }

        if (!await EnrollmentStore.ClaimStepAsync(tx, enrollment.Id, due.Step, now, ct))
        {
            return; // this step already ran
        }

        var outcome = await actions.RunAsync(tx, enrollment, workflow, step, lead, label, now, ct);
        await StepWrites.FinishAsync(tx, enrollment, due.Step, outcome, workflow.Steps.Length, job.Attempt, now, ct);
    }
}
