using Beacon.SharedKernel.Database;
using Dapper;

namespace Beacon.Workflows.Engine;

/// <summary>
/// A paused workflow enrolls no one (triggers read only active workflows) and holds its enrollments' due steps: a step
/// whose job fires while paused is parked with a "paused" history line instead of running, and resuming schedules every
/// parked step again for now. Nothing is dropped, and a step still waiting for its time is not touched.
/// </summary>
internal static class PauseGate
{
    public const string Parked = "paused";

    /// <summary>Parks the enrollment's due step when its workflow is paused; true when it did (the job then does nothing).</summary>
    public static async Task<bool> HoldIfPausedAsync(TenantTransaction tx, EnrollmentRow enrollment, DateTimeOffset now, CancellationToken ct)
    {
        if (enrollment.WorkflowActive) // read with the enrollment's lock (EnrollmentStore.LockAsync)
        {
            return false;
        }

        await EnrollmentStore.HistoryAsync(tx, enrollment.Id, enrollment.CurrentStep, Parked,
            $"step {enrollment.CurrentStep + 1} waiting: the workflow is paused; it runs when the workflow is resumed", now, ct);
        return true;
    }

    /// <summary>Schedules every parked step of the workflow for now; answers how many.</summary>
    public static async Task<int> ReleaseAsync(TenantTransaction tx, Guid workflowId, DateTimeOffset now, CancellationToken ct)
    {
        // Parked = active and the latest history line is the park; a step still waiting for its time has its job queued.
        var parked = (await tx.Connection.QueryAsync<(Guid Id, int CurrentStep, int Attempts)>(new CommandDefinition("""
            SELECT e.id, e.current_step, e.attempts FROM workflows.enrollments e
             WHERE e.tenant_id = @tenant AND e.workflow_id = @workflowId AND e.status = 'active'
               AND (SELECT h.status FROM workflows.history h WHERE h.tenant_id = e.tenant_id AND h.enrollment_id = e.id
                     ORDER BY h.at DESC, h.id DESC LIMIT 1) = @parked
             FOR UPDATE OF e
            """, new { tenant = tx.TenantId, workflowId, parked = Parked }, tx.Transaction, cancellationToken: ct))).ToList();
        foreach (var (id, step, attempts) in parked)
        {
            await EnrollmentStore.HistoryAsync(tx, id, step, "resumed", $"step {step + 1} due again: the workflow was resumed", now, ct);
            await EnrollmentStore.ScheduleAsync(tx, id, step, now, attempts, now, ct);
        }

        return parked.Count;
    }
}
