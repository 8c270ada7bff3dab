using Beacon.Contracts.Privacy;
using Dapper;

namespace Beacon.Workflows.Privacy;

/// <summary>
/// A lead's enrollments and their history (whose reasons name the address an e-mail or text went to; its texts go
/// with the enrollments), the lead's unsubscribe and its phones' SMS opt-outs: all of it goes with the lead.
/// </summary>
internal sealed class EnrollmentPersonalData : IPersonalDataEraser, IPersonalDataExporter
{
    public string Module => "workflows.enrollments";

    public string Section => "workflowEnrollments";

    public Task EraseLeadAsync(ErasureContext context, CancellationToken ct) =>
        context.Connection.ExecuteAsync(new CommandDefinition("""
            DELETE FROM workflows.enrollments WHERE tenant_id = @tenant AND lead_id = @lead;
            DELETE FROM workflows.suppressions WHERE tenant_id = @tenant AND lead_id = @lead;
            DELETE FROM workflows.sms_opt_outs WHERE tenant_id = @tenant AND phone = ANY(@phones);
            """, new { tenant = context.TenantId, lead = context.Subject.LeadId, phones = context.Subject.Phones.ToArray() },
            context.Transaction, cancellationToken: ct));

    public async Task<object?> ExportLeadAsync(ExportContext context, CancellationToken ct)
    {
        var history = (await context.Connection.QueryAsync<ExportedStep>(new CommandDefinition("""
            SELECT d.name AS Workflow, e.status AS EnrollmentStatus, h.status, h.reason, h.at
              FROM workflows.enrollments e
              JOIN workflows.definitions d ON d.tenant_id = e.tenant_id AND d.id = e.workflow_id
              JOIN workflows.history h ON h.tenant_id = e.tenant_id AND h.enrollment_id = e.id
             WHERE e.tenant_id = @tenant AND e.lead_id = @lead ORDER BY h.at, h.id
            """, new { tenant = context.TenantId, lead = context.LeadId }, cancellationToken: ct))).ToList();
        return history.Count == 0 ? null : history;
    }

    internal sealed class ExportedStep
    {
        public string Workflow { get; set; } = "";

        public string EnrollmentStatus { get; set; } = "";

        public string Status { get; set; } = "";

        public string Reason { get; set; } = "";

        public DateTimeOffset At { get; set; }
    }
}
