using Beacon.Contracts.Leads;
using Beacon.Contracts.Privacy;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Messaging;
using Beacon.Workflows.Definitions;
using Beacon.Workflows.Settings;

namespace Beacon.Workflows.Engine;

/// <summary>
/// Runs one enrollment's step when it is due, under the enrollment's row lock. A step acts at most once: its
/// idempotency key (enrollment + step) commits with what it did (the e-mail's job, the task, the next step's job),
/// so a redelivered or duplicated job finds the key taken and does nothing.
/// </summary>
internal sealed class StepJob(ILeadSnapshots leads, IProcessingObjections objections, StepActions actions, TimeProvider clock)
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

        var workflow = await WorkflowStore.VersionAsync(tx.Connection, tx.Transaction, tx.TenantId, enrollment.WorkflowId,
            enrollment.Version, ct);
        var label = $"step {due.Step + 1}";
        if (await leads.GetAsync(tx.TenantId, enrollment.LeadId, 0, ct) is not { } lead)
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
        if (step.Type == "email")
        {
            if (await StepActions.SuppressedAsync(tx, lead.LeadId, ct)
                || (await objections.ObjectedAsync(tx.Connection, tx.Transaction, tx.TenantId, [lead.LeadId],
                    [ProcessingPurposes.EmailMarketing], ct)).Count > 0)
            {
                await EnrollmentStore.EndAsync(tx, enrollment.Id, due.Step, "stopped", $"{label} not sent: the lead opted out of e-mail", now, ct);
                return;
            }

            var settings = await SettingsStore.GetAsync(tx.Connection, tx.Transaction, tx.TenantId, ct);
            if (settings is null)
            {
                await EnrollmentStore.EndAsync(tx, enrollment.Id, due.Step, "stopped",
                    $"{label} not sent: the brokerage has no postal address for the e-mail footer (Workflows → Settings)", now, ct);
                return;
            }

            var zone = QuietHours.ZoneOf(lead.Phones, settings.TimeZone);
            if (QuietHours.DeferredUntil(now, zone.Zone) is { } until)
            {
                await EnrollmentStore.HistoryAsync(tx, enrollment.Id, due.Step, "deferred",
                    $"{label} not sent: quiet hours until 08:00 {zone.Zone.Id} (time zone from {zone.Source})", now, ct);
                await EnrollmentStore.ScheduleAsync(tx, enrollment.Id, due.Step, until, job.Attempt, now, ct);
                return;
            }
        }

        if (!await EnrollmentStore.ClaimStepAsync(tx, enrollment.Id, due.Step, now, ct))
        {
            return; // this step already ran
        }

        var (status, reason, nextAt) = await actions.RunAsync(tx, enrollment, workflow, step, lead, label, now, ct);
        await EnrollmentStore.HistoryAsync(tx, enrollment.Id, due.Step, status, reason, now, ct);
        if (due.Step + 1 >= workflow.Steps.Length)
        {
            await EnrollmentStore.EndAsync(tx, enrollment.Id, null, "completed", "every step done", now, ct);
        }
        else
        {
            await EnrollmentStore.ScheduleAsync(tx, enrollment.Id, due.Step + 1, nextAt, job.Attempt, now, ct);
        }
    }
}
