using Beacon.SharedKernel.Database;
using Dapper;

namespace Beacon.Workflows.Engine;

/// <summary>An enrollment as its step job reads it, under a row lock.</summary>
internal sealed class EnrollmentRow
{
    public Guid Id { get; set; }

    public Guid WorkflowId { get; set; }

    public int Version { get; set; }

    public Guid LeadId { get; set; }

    public string Status { get; set; } = "";

    public int CurrentStep { get; set; }

    /// <summary>False while the workflow is paused (read with the lock, not in a round trip of its own).</summary>
    public bool WorkflowActive { get; set; }

    /// <summary>The workflow's name now (a rename keeps the version), for tasks and the lead's timeline.</summary>
    public string WorkflowName { get; set; } = "";
}

/// <summary>The SQL of enrollments, their steps' idempotency keys and their history, inside the caller's transaction.</summary>
internal static class EnrollmentStore
{
    public const string StepJob = "workflows.step";

    /// <summary>Enrolls the lead unless it already went through this workflow (the <c>never</c> re-enrollment rule).</summary>
    public static Task<bool> EnrollAsync(TenantTransaction tx, Guid workflowId, int version, Guid leadId, string reason,
        DateTimeOffset now, CancellationToken ct) =>
        EnrollAsync(tx, workflowId, version, leadId, reason, now, reenter: false, quietSince: null, ct);

    /// <summary>
    /// Enrolls the lead unless it is in this workflow now, or went through it before and may not <paramref name="reenter"/>
    /// (the workflow's re-enrollment rule), or was already enrolled for the quiet spell <paramref name="quietSince"/>
    /// (the no-activity trigger). Two concurrent enrollments of one lead meet the unique index over active ones.
    /// </summary>
    public static async Task<bool> EnrollAsync(TenantTransaction tx, Guid workflowId, int version, Guid leadId, string reason,
        DateTimeOffset now, bool reenter, DateTimeOffset? quietSince, CancellationToken ct)
    {
        var id = Guid.CreateVersion7();
        var inserted = await tx.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO workflows.enrollments (tenant_id, id, workflow_id, version, lead_id, status, current_step, next_fire_at,
                                               enrolled_at, updated_at, quiet_since)
            SELECT @tenant, @id, @workflowId, @version, @leadId, 'active', 0, @now, @now, @now, @quietSince::timestamptz
             WHERE NOT EXISTS (SELECT 1 FROM workflows.enrollments p
                                WHERE p.tenant_id = @tenant AND p.workflow_id = @workflowId AND p.lead_id = @leadId
                                  AND (NOT @reenter::boolean OR p.status = 'active' OR p.quiet_since >= @quietSince::timestamptz))
            ON CONFLICT (tenant_id, workflow_id, lead_id) WHERE status = 'active' DO NOTHING
            """, new { tenant = tx.TenantId, id, workflowId, version, leadId, now, reenter, quietSince }, tx.Transaction,
            cancellationToken: ct));
        if (inserted == 0)
        {
            return false;
        }

        await HistoryAsync(tx, id, null, "enrolled", reason, now, ct);
        tx.Enqueue(StepJob, new StepDue(id, 0), now);
        return true;
    }

    /// <summary>Locks the enrollment and reads, in the same statement, whether its workflow is paused and its name.</summary>
    public static Task<EnrollmentRow?> LockAsync(TenantTransaction tx, Guid id, CancellationToken ct) =>
        tx.Connection.QuerySingleOrDefaultAsync<EnrollmentRow>(new CommandDefinition("""
            SELECT e.id, e.workflow_id, e.version, e.lead_id, e.status, e.current_step, d.active AS WorkflowActive, d.name AS WorkflowName
              FROM workflows.enrollments e JOIN workflows.definitions d ON d.tenant_id = e.tenant_id AND d.id = e.workflow_id
             WHERE e.tenant_id = @tenant AND e.id = @id FOR UPDATE OF e
            """, new { tenant = tx.TenantId, id }, tx.Transaction, cancellationToken: ct));

    /// <summary>Claims the step's idempotency key; false when the step already ran (a redelivered or duplicated job).</summary>
    public static async Task<bool> ClaimStepAsync(TenantTransaction tx, Guid enrollmentId, int step, DateTimeOffset now,
        CancellationToken ct) =>
        await tx.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO workflows.step_runs (tenant_id, enrollment_id, step_index, ran_at) VALUES (@tenant, @enrollmentId, @step, @now)
            ON CONFLICT DO NOTHING
            """, new { tenant = tx.TenantId, enrollmentId, step, now }, tx.Transaction, cancellationToken: ct)) == 1;

    /// <summary>Moves to <paramref name="step"/> due at <paramref name="at"/> and queues its job for that moment.</summary>
    public static async Task ScheduleAsync(TenantTransaction tx, Guid id, int step, DateTimeOffset at, int attempts,
        DateTimeOffset now, CancellationToken ct)
    {
        await tx.Connection.ExecuteAsync(new CommandDefinition("""
            UPDATE workflows.enrollments SET current_step = @step, next_fire_at = @at, attempts = @attempts, updated_at = @now
             WHERE tenant_id = @tenant AND id = @id
            """, new { tenant = tx.TenantId, id, step, at, attempts, now }, tx.Transaction, cancellationToken: ct));
        tx.Enqueue(StepJob, new StepDue(id, step), at);
    }

    /// <summary>Ends an enrollment as <c>completed</c> or <c>stopped</c> with the reason shown to users.</summary>
    public static async Task EndAsync(TenantTransaction tx, Guid id, int? step, string status, string reason, DateTimeOffset now,
        CancellationToken ct)
    {
        await tx.Connection.ExecuteAsync(new CommandDefinition("""
            UPDATE workflows.enrollments SET status = @status, reason = @reason, next_fire_at = NULL, updated_at = @now
             WHERE tenant_id = @tenant AND id = @id
            """, new { tenant = tx.TenantId, id, status, reason, now }, tx.Transaction, cancellationToken: ct));
        await HistoryAsync(tx, id, step, status, reason, now, ct);
    }

    /// <summary>Stops every active enrollment of the lead (a reply, an opt-out); returns how many.</summary>
    public static async Task<int> StopLeadAsync(TenantTransaction tx, Guid leadId, string reason, DateTimeOffset now, CancellationToken ct)
    {
        var ids = (await tx.Connection.QueryAsync<Guid>(new CommandDefinition("""
            SELECT id FROM workflows.enrollments WHERE tenant_id = @tenant AND lead_id = @leadId AND status = 'active' FOR UPDATE
            """, new { tenant = tx.TenantId, leadId }, tx.Transaction, cancellationToken: ct))).ToList();
        foreach (var id in ids)
        {
            await EndAsync(tx, id, null, "stopped", reason, now, ct);
        }

        return ids.Count;
    }

    /// <summary>Writes a history line and, in the same transaction, its live event (<see cref="EnrollmentEvents"/>).</summary>
    public static async Task HistoryAsync(TenantTransaction tx, Guid enrollmentId, int? step, string status, string reason,
        DateTimeOffset now, CancellationToken ct)
    {
        var owner = await tx.Connection.QuerySingleAsync<EnrollmentEvents.Owner>(new CommandDefinition("""
            WITH h AS (INSERT INTO workflows.history (tenant_id, id, enrollment_id, step_index, status, reason, at)
                       VALUES (@tenant, @id, @enrollmentId, @step, @status, @reason, @now) RETURNING tenant_id, enrollment_id)
            SELECT e.workflow_id, e.lead_id FROM workflows.enrollments e JOIN h ON e.tenant_id = h.tenant_id AND e.id = h.enrollment_id
            """, new { tenant = tx.TenantId, id = Guid.CreateVersion7(), enrollmentId, step, status, reason, now },
            tx.Transaction, cancellationToken: ct));
        EnrollmentEvents.Publish(tx, enrollmentId, owner, step, status, reason, now);
    }
}

/// <summary>The job that runs an enrollment's step <paramref name="Step"/> (0-based) when it is due.</summary>
internal sealed record StepDue(Guid EnrollmentId, int Step);
