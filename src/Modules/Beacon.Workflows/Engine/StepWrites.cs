using Beacon.SharedKernel.Database;
using Dapper;

namespace Beacon.Workflows.Engine;

/// <summary>
/// What a step writes once it has run, in one round trip: its history line, then the enrollment's move — to the next
/// step, whose job is queued for its time, or to its end with the closing history line. Each line still publishes its
/// live event (<see cref="EnrollmentEvents"/>); the owner comes from the locked enrollment rather than a join.
/// </summary>
internal static class StepWrites
{
    private const string Line = """
        INSERT INTO workflows.history (tenant_id, id, enrollment_id, step_index, status, reason, at)
        VALUES (@tenant, @lineId, @id, @step, @status, @reason, @now);
        """;

    private const string MoveOn = """
        UPDATE workflows.enrollments SET current_step = @next, next_fire_at = @nextAt, attempts = @attempts, updated_at = @now
         WHERE tenant_id = @tenant AND id = @id;
        """;

    private const string Complete = """
        UPDATE workflows.enrollments SET status = 'completed', reason = @endReason, next_fire_at = NULL, updated_at = @now
         WHERE tenant_id = @tenant AND id = @id;
        INSERT INTO workflows.history (tenant_id, id, enrollment_id, step_index, status, reason, at)
        VALUES (@tenant, @endLineId, @id, NULL, 'completed', @endReason, @now);
        """;

    public const string EveryStepDone = "every step done";

    public static async Task FinishAsync(TenantTransaction tx, EnrollmentRow enrollment, int step, StepOutcome outcome, int steps,
        int attempts, DateTimeOffset now, CancellationToken ct)
    {
        var next = outcome.NextStep ?? step + 1; // a branch may jump ahead; never back (WorkflowRules refuses it)
        var ends = next >= steps;
        // Both lines share the moment, so their ids order them: the step's line must sort before the end's.
        var (lineId, endLineId) = OrderedIds();
        await tx.Connection.ExecuteAsync(new CommandDefinition(Line + (ends ? Complete : MoveOn), new
        {
            tenant = tx.TenantId,
            id = enrollment.Id,
            lineId,
            step,
            status = outcome.Status,
            reason = outcome.Reason,
            now,
            next,
            nextAt = outcome.NextAt,
            attempts,
            endLineId,
            endReason = EveryStepDone,
        }, tx.Transaction, cancellationToken: ct));
        var owner = new EnrollmentEvents.Owner { WorkflowId = enrollment.WorkflowId, LeadId = enrollment.LeadId };
        EnrollmentEvents.Publish(tx, enrollment.Id, owner, step, outcome.Status, outcome.Reason, now);
        if (ends)
        {
            EnrollmentEvents.Publish(tx, enrollment.Id, owner, null, "completed", EveryStepDone, now);
        }
        else
        {
            tx.Enqueue(EnrollmentStore.StepJob, new StepDue(enrollment.Id, next), outcome.NextAt);
        }
    }

    /// <summary>Two v7 ids of the real clock, as every history line's (a test's frozen clock must not reorder them), in order.</summary>
    private static (Guid First, Guid Second) OrderedIds()
    {
        var (a, b) = (Guid.CreateVersion7(), Guid.CreateVersion7());
        return a.CompareTo(b) < 0 ? (a, b) : (b, a);
    }
}
