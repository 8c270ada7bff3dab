using Dapper;
using Npgsql;

namespace Beacon.Workflows.Tasks;

/// <summary>The SQL of tasks (tenant-bound connections; every statement filters by tenant as well).</summary>
internal static class TaskStore
{
    private const string Select = """
        SELECT t.id, t.lead_id, t.assignee_id, m.display_name AS AssigneeName, t.title, t.notes, t.due_at, t.completed_at,
               t.completed_by, t.enrollment_id, t.created_at
          FROM workflows.tasks t
          LEFT JOIN workflows.members m ON m.tenant_id = t.tenant_id AND m.user_id = t.assignee_id
        """;

    /// <summary>
    /// Open tasks in due order for the open views (overdue first), finished ones newest first for <c>done</c>;
    /// <paramref name="assignee"/> null means everyone's.
    /// </summary>
    public static async Task<IReadOnlyList<TaskRow>> ListAsync(NpgsqlConnection conn, Guid tenant, Guid? assignee, string view,
        DateTimeOffset now, DateTimeOffset endOfDay, int limit, CancellationToken ct)
    {
        var filter = view switch
        {
            TaskBuckets.Overdue => "t.completed_at IS NULL AND t.due_at < @now",
            TaskBuckets.Today => "t.completed_at IS NULL AND t.due_at >= @now AND t.due_at < @endOfDay",
            TaskBuckets.Upcoming => "t.completed_at IS NULL AND t.due_at >= @endOfDay",
            TaskBuckets.Done => "t.completed_at IS NOT NULL",
            "open" => "t.completed_at IS NULL",
            _ => "true",
        };
        var order = view == TaskBuckets.Done ? "t.completed_at DESC" : "t.completed_at IS NOT NULL, t.due_at, t.id";
        return [.. await conn.QueryAsync<TaskRow>(new CommandDefinition($"""
            {Select}
             WHERE t.tenant_id = @tenant AND (@assignee::uuid IS NULL OR t.assignee_id = @assignee) AND {filter}
             ORDER BY {order} LIMIT @limit
            """, new { tenant, assignee, now, endOfDay, limit }, cancellationToken: ct))];
    }

    public static Task<TaskRow?> GetAsync(NpgsqlConnection conn, Guid tenant, Guid id, CancellationToken ct) =>
        conn.QuerySingleOrDefaultAsync<TaskRow>(new CommandDefinition($"{Select} WHERE t.tenant_id = @tenant AND t.id = @id",
            new { tenant, id }, cancellationToken: ct));

    public static async Task<Guid> InsertAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, Guid tenant, NewTask task,
        DateTimeOffset now, CancellationToken ct)
    {
        var id = Guid.CreateVersion7();
        await conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO workflows.tasks (tenant_id, id, lead_id, assignee_id, title, notes, due_at, created_by, enrollment_id,
                                         created_at, updated_at)
            VALUES (@tenant, @id, @LeadId, @AssigneeId, @Title, @Notes, @DueAt, @CreatedBy, @EnrollmentId, @now, @now)
            """, new { tenant, id, task.LeadId, task.AssigneeId, task.Title, task.Notes, task.DueAt, task.CreatedBy, task.EnrollmentId, now },
            tx, cancellationToken: ct));
        return id;
    }

    /// <summary>Marks a task done (or open again); completing a done task keeps its first completion.</summary>
    public static async Task<bool> SetDoneAsync(NpgsqlConnection conn, Guid tenant, Guid id, bool done, Guid actor,
        DateTimeOffset now, CancellationToken ct) =>
        await conn.ExecuteAsync(new CommandDefinition("""
            UPDATE workflows.tasks
               SET completed_at = CASE WHEN @done THEN coalesce(completed_at, @now) END,
                   completed_by = CASE WHEN @done THEN coalesce(completed_by, @actor) END,
                   updated_at = @now
             WHERE tenant_id = @tenant AND id = @id
            """, new { tenant, id, done, actor, now }, cancellationToken: ct)) == 1;
}

internal sealed record NewTask(Guid LeadId, Guid AssigneeId, string Title, string Notes, DateTimeOffset DueAt, Guid? CreatedBy,
    Guid? EnrollmentId);
