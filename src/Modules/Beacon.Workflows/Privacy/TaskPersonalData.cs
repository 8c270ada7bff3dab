using Beacon.Contracts.Privacy;
using Dapper;

namespace Beacon.Workflows.Privacy;

/// <summary>A task's title and notes may name the lead ("Call Ann about the Elm St offer"): erasure deletes them.</summary>
internal sealed class TaskPersonalData : IPersonalDataEraser, IPersonalDataExporter
{
    public string Module => "workflows";

    public string Section => "tasks";

    public Task EraseLeadAsync(ErasureContext context, CancellationToken ct) =>
        context.Connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM workflows.tasks WHERE tenant_id = @tenant AND lead_id = @lead",
            new { tenant = context.TenantId, lead = context.Subject.LeadId }, context.Transaction, cancellationToken: ct));

    public async Task<object?> ExportLeadAsync(ExportContext context, CancellationToken ct)
    {
        var tasks = (await context.Connection.QueryAsync<ExportedTask>(new CommandDefinition("""
            SELECT id, title, notes, due_at AS DueAt, completed_at AS CompletedAt, created_at AS CreatedAt
              FROM workflows.tasks WHERE tenant_id = @tenant AND lead_id = @lead ORDER BY created_at
            """, new { tenant = context.TenantId, lead = context.LeadId }, cancellationToken: ct))).ToList();
        return tasks.Count == 0 ? null : tasks;
    }

    internal sealed class ExportedTask
    {
        public Guid Id { get; set; }

        public string Title { get; set; } = "";

        public string Notes { get; set; } = "";

        public DateTimeOffset DueAt { get; set; }

        public DateTimeOffset? CompletedAt { get; set; }

        public DateTimeOffset CreatedAt { get; set; }
    }
}
