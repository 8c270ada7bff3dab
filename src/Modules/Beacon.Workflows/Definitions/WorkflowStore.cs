using System.Text.Json;
using Beacon.SharedKernel.Messaging;
using Dapper;
using Npgsql;

namespace Beacon.Workflows.Definitions;

/// <summary>A workflow's version as the engine reads it.</summary>
internal sealed record WorkflowVersion(Guid WorkflowId, int Version, string Name, WorkflowTrigger Trigger, WorkflowStep[] Steps,
    string Reenrollment = Reenrollments.Never);

/// <summary>The SQL of definitions and their versions (tenant-bound connections; every statement filters by tenant too).</summary>
internal static class WorkflowStore
{
    // The counts come from one grouped scan of the tenant's enrollments joined to the list, not a query per workflow.
    private const string Select = """
        SELECT d.id, d.name, d.active, d.version, v.trigger::text AS TriggerJson, v.steps::text AS StepsJson,
               d.created_at, d.updated_at, v.reenrollment,
               coalesce(c.active, 0) AS ActiveCount, coalesce(c.completed, 0) AS CompletedCount, coalesce(c.stopped, 0) AS StoppedCount
          FROM workflows.definitions d
          JOIN workflows.versions v ON v.tenant_id = d.tenant_id AND v.workflow_id = d.id AND v.version = d.version
          LEFT JOIN (SELECT tenant_id, workflow_id,
                            count(*) FILTER (WHERE status = 'active') AS active,
                            count(*) FILTER (WHERE status = 'completed') AS completed,
                            count(*) FILTER (WHERE status = 'stopped') AS stopped
                       FROM workflows.enrollments WHERE tenant_id = @tenant GROUP BY tenant_id, workflow_id) c
            ON c.tenant_id = d.tenant_id AND c.workflow_id = d.id
        """;

    public static async Task<IReadOnlyList<WorkflowResponse>> ListAsync(NpgsqlConnection conn, Guid tenant, CancellationToken ct) =>
        [.. (await conn.QueryAsync<Row>(new CommandDefinition($"{Select} WHERE d.tenant_id = @tenant ORDER BY d.created_at DESC",
            new { tenant }, cancellationToken: ct))).Select(r => r.ToResponse())];

    public static async Task<WorkflowResponse?> GetAsync(NpgsqlConnection conn, Guid tenant, Guid id, CancellationToken ct) =>
        (await conn.QuerySingleOrDefaultAsync<Row>(new CommandDefinition($"{Select} WHERE d.tenant_id = @tenant AND d.id = @id",
            new { tenant, id }, cancellationToken: ct)))?.ToResponse();

    /// <summary>A new workflow, or a new version of <paramref name="id"/> (null when it does not exist).</summary>
    public static async Task<Guid?> SaveAsync(NpgsqlConnection conn, Guid tenant, Guid? id, SaveWorkflowRequest request, Guid actor,
        DateTimeOffset now, CancellationToken ct)
    {
        await using var tx = await conn.BeginTransactionAsync(ct);
        int version;
        if (id is null)
        {
            id = Guid.CreateVersion7();
            version = 1;
            await conn.ExecuteAsync(new CommandDefinition("""
                INSERT INTO workflows.definitions (tenant_id, id, name, active, version, created_by, created_at, updated_at)
                VALUES (@tenant, @id, @name, @active, 1, @actor, @now, @now)
                """, new { tenant, id, name = request.Name!.Trim(), active = request.Active ?? true, actor, now }, tx, cancellationToken: ct));
        }
        else
        {
            var next = await conn.ExecuteScalarAsync<int?>(new CommandDefinition("""
                UPDATE workflows.definitions SET version = version + 1, name = @name, active = coalesce(@active, active), updated_at = @now
                 WHERE tenant_id = @tenant AND id = @id RETURNING version
                """, new { tenant, id, name = request.Name!.Trim(), active = request.Active, now }, tx, cancellationToken: ct));
            if (next is not { } n)
            {
                return null;
            }

            version = n;
        }

        await conn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO workflows.versions (tenant_id, workflow_id, version, trigger, steps, reenrollment, created_by, created_at)
            VALUES (@tenant, @id, @version, @trigger::jsonb, @steps::jsonb, @reenrollment, @actor, @now)
            """, new
        {
            tenant,
            id,
            version,
            trigger = JsonSerializer.Serialize(request.Trigger, MessageJson.Options),
            steps = JsonSerializer.Serialize(request.Steps, MessageJson.Options),
            reenrollment = request.Reenrollment ?? Reenrollments.Never,
            actor,
            now,
        }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        return id;
    }

    /// <summary>The active workflows' current versions, for the triggers to match against.</summary>
    public static async Task<IReadOnlyList<WorkflowVersion>> ActiveAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid tenant,
        CancellationToken ct) =>
        [.. (await conn.QueryAsync<Row>(new CommandDefinition($"{Select} WHERE d.tenant_id = @tenant AND d.active",
            new { tenant }, tx, cancellationToken: ct))).Select(r => r.ToVersion())];

    public static async Task<WorkflowVersion> VersionAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Guid tenant, Guid workflowId,
        int version, CancellationToken ct) =>
        (await conn.QuerySingleAsync<Row>(new CommandDefinition("""
            SELECT d.id, d.name, v.version, v.trigger::text AS TriggerJson, v.steps::text AS StepsJson
              FROM workflows.versions v JOIN workflows.definitions d ON d.tenant_id = v.tenant_id AND d.id = v.workflow_id
             WHERE v.tenant_id = @tenant AND v.workflow_id = @workflowId AND v.version = @version
            """, new { tenant, workflowId, version }, tx, cancellationToken: ct))).ToVersion();

    internal sealed class Row
    {
        public Guid Id { get; set; }

        public string Name { get; set; } = "";

        public bool Active { get; set; }

        public int Version { get; set; }

        public string TriggerJson { get; set; } = "{}";

        public string StepsJson { get; set; } = "[]";

        public DateTimeOffset CreatedAt { get; set; }

        public DateTimeOffset UpdatedAt { get; set; }

        public long ActiveCount { get; set; }

        public long CompletedCount { get; set; }

        public long StoppedCount { get; set; }

        public string Reenrollment { get; set; } = Reenrollments.Never;

        private WorkflowTrigger Trigger => JsonSerializer.Deserialize<WorkflowTrigger>(TriggerJson, MessageJson.Options)!;

        private WorkflowStep[] Steps => JsonSerializer.Deserialize<WorkflowStep[]>(StepsJson, MessageJson.Options)!;

        public WorkflowResponse ToResponse() => new(Id, Name, Active, Version, Trigger, Steps,
            new EnrollmentCounts((int)ActiveCount, (int)CompletedCount, (int)StoppedCount), CreatedAt, UpdatedAt, Reenrollment);

        public WorkflowVersion ToVersion() => new(Id, Version, Name, Trigger, Steps, Reenrollment);
    }
}
