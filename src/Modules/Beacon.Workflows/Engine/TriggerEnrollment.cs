using Beacon.Contracts.Privacy;
using Beacon.SharedKernel.Database;
using Beacon.Workflows.Definitions;
using Dapper;

namespace Beacon.Workflows.Engine;

/// <summary>
/// Enrolls leads in the active workflows a trigger matched, by each workflow's re-enrollment rule: <c>never</c> (once
/// per lead, ever) or <c>after_exit</c> (again once the previous enrollment ended). A lead who opted out — unsubscribed
/// through a workflow e-mail, texted STOP, or objected to e-mail marketing — never enters a workflow a second time.
/// </summary>
internal sealed class TriggerEnrollment(IProcessingObjections objections)
{
    /// <summary>Returns how many enrollments it made.</summary>
    public async Task<int> EnrollAsync(TenantTransaction tx, IReadOnlyList<Guid> leadIds, Func<WorkflowVersion, bool> matches,
        string reason, DateTimeOffset now, CancellationToken ct)
    {
        var workflows = (await WorkflowStore.ActiveAsync(tx.Connection, tx.Transaction, tx.TenantId, ct)).Where(matches).ToList();
        if (workflows.Count == 0 || leadIds.Count == 0)
        {
            return 0;
        }

        var optedOut = workflows.Any(w => w.Reenrollment == Reenrollments.AfterExit)
            ? await OptedOutAsync(tx, leadIds, ct)
            : (IReadOnlySet<Guid>)new HashSet<Guid>();
        var enrolled = 0;
        foreach (var workflow in workflows)
        {
            foreach (var lead in leadIds)
            {
                var reenter = workflow.Reenrollment == Reenrollments.AfterExit && !optedOut.Contains(lead);
                if (await EnrollmentStore.EnrollAsync(tx, workflow.WorkflowId, workflow.Version, lead, $"enrolled: {reason}", now,
                    reenter, quietSince: null, ct))
                {
                    enrolled++;
                }
            }
        }

        return enrolled;
    }

    /// <summary>The leads among <paramref name="leadIds"/> who said no to the brokerage's follow-ups on any channel.</summary>
    public async Task<IReadOnlySet<Guid>> OptedOutAsync(TenantTransaction tx, IReadOnlyList<Guid> leadIds, CancellationToken ct)
    {
        var ids = leadIds.ToArray();
        var result = (await tx.Connection.QueryAsync<Guid>(new CommandDefinition("""
            SELECT s.lead_id FROM workflows.suppressions s WHERE s.tenant_id = @tenant AND s.lead_id = ANY (@ids)
            UNION
            SELECT m.lead_id FROM workflows.sms_messages m
              JOIN workflows.sms_opt_outs o ON o.tenant_id = m.tenant_id AND o.phone = m.to_phone
             WHERE m.tenant_id = @tenant AND m.lead_id = ANY (@ids)
            """, new { tenant = tx.TenantId, ids }, tx.Transaction, cancellationToken: ct))).ToHashSet();
        result.UnionWith(await objections.ObjectedAsync(tx.Connection, tx.Transaction, tx.TenantId, ids,
            [ProcessingPurposes.EmailMarketing, ProcessingPurposes.SmsMarketing], ct));
        return result;
    }
}
