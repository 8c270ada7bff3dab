using System.Security.Claims;
using System.Text.Json.Nodes;
using Beacon.Contracts.Identity;
using Beacon.Contracts.Leads;
using Beacon.Contracts.Workflows;
using Beacon.SharedKernel.Auditing;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Tenancy;
using Beacon.Workflows.Definitions;
using Beacon.Workflows.Engine;
using Beacon.Workflows.Members;
using Dapper;

namespace Beacon.Workflows.Tasks;

/// <summary>
/// <see cref="IFollowUps"/> for the assistant, with the same rules as the task and workflow screens: the lead must be
/// one the caller may view, agents create tasks for themselves, enrolling takes a team lead or above. The change and
/// its audit entry (actor kind <c>assistant</c>, on behalf of the caller) commit together.
/// </summary>
internal sealed class AssistantFollowUps(Db db, ILeadAccess access, IAuditTrail audit, TimeProvider clock) : IFollowUps
{
    private const string NoLead = "I can’t find that lead among the leads you can see.";

    public async Task<IReadOnlyList<WorkflowChoice>> ActiveWorkflowsAsync(ClaimsPrincipal caller, CancellationToken ct)
    {
        if (!MayEnrol(caller))
        {
            return [];
        }

        await using var conn = await db.OpenAsync(caller.TenantId(), ct);
        return [.. await conn.QueryAsync<WorkflowChoice>(new CommandDefinition("""
            SELECT id, name FROM workflows.definitions WHERE tenant_id = @tenant AND active ORDER BY name, id
            """, new { tenant = caller.TenantId() }, cancellationToken: ct))];
    }

    public async Task<FollowUpOutcome> CreateTaskAsync(ClaimsPrincipal caller, Guid leadId, string title, DateTimeOffset dueAt,
        CancellationToken ct)
    {
        if (caller.Role() == Roles.ReadOnly)
        {
            return new FollowUpOutcome(false, "Your role is read-only, so I can’t create tasks for you.");
        }

        if (!await access.MayViewAsync(caller, leadId, ct))
        {
            return new FollowUpOutcome(false, NoLead);
        }

        var tenant = caller.TenantId();
        var now = clock.GetUtcNow();
        await using var tx = await db.BeginAsync(tenant, ct);
        if (await MemberStore.FindAsync(tx.Connection, tenant, caller.UserId(), ct) is not { Active: true })
        {
            return new FollowUpOutcome(false, "Your account is not an active member of the brokerage.");
        }

        var id = await TaskStore.InsertAsync(tx.Connection, tx.Transaction, tenant,
            new NewTask(leadId, caller.UserId(), title, "Created with the assistant.", dueAt, caller.UserId(), null), now, ct);
        await AuditAsync(tx, caller, "AssistantCreateTask", leadId, new JsonObject
        {
            ["taskId"] = id.ToString(),
            ["title"] = title,
            ["dueAt"] = dueAt.ToString("O"),
        }, now, ct);
        await tx.CommitAsync(ct);
        return new FollowUpOutcome(true, "Task created.", id);
    }

    public async Task<FollowUpOutcome> EnrolAsync(ClaimsPrincipal caller, Guid leadId, Guid workflowId, CancellationToken ct)
    {
        if (!MayEnrol(caller))
        {
            return new FollowUpOutcome(false, "Enrolling leads in workflows takes a team lead or above; ask yours.");
        }

        if (!await access.MayViewAsync(caller, leadId, ct))
        {
            return new FollowUpOutcome(false, NoLead);
        }

        var tenant = caller.TenantId();
        var now = clock.GetUtcNow();
        await using var tx = await db.BeginAsync(tenant, ct);
        var workflow = (await WorkflowStore.ActiveAsync(tx.Connection, tx.Transaction, tenant, ct)).FirstOrDefault(w => w.WorkflowId == workflowId);
        if (workflow is null)
        {
            return new FollowUpOutcome(false, "That workflow is not active any more.");
        }

        if (!await EnrollmentStore.EnrollAsync(tx, workflow.WorkflowId, workflow.Version, leadId, "enrolled: by the assistant", now, ct))
        {
            return new FollowUpOutcome(false, $"The lead has already been through “{workflow.Name}”; a lead is enrolled in a workflow once.");
        }

        await AuditAsync(tx, caller, "AssistantEnrolLead", leadId, new JsonObject
        {
            ["workflowId"] = workflow.WorkflowId.ToString(),
            ["workflow"] = workflow.Name,
            ["version"] = workflow.Version,
        }, now, ct);
        await tx.CommitAsync(ct);
        return new FollowUpOutcome(true, $"Enrolled in “{workflow.Name}”.", workflow.WorkflowId);
    }

    private static bool MayEnrol(ClaimsPrincipal caller) => caller.Role() is Roles.TeamLead or Roles.Admin or Roles.Owner;

    private Task AuditAsync(TenantTransaction tx, ClaimsPrincipal caller, string action, Guid leadId, JsonObject after,
        DateTimeOffset now, CancellationToken ct)
    {
        var payload = new JsonObject { ["after"] = after, ["onBehalfOf"] = caller.UserId().ToString() };
        return audit.AppendAsync(tx.Connection, tx.Transaction, [new AuditRecord(Guid.CreateVersion7(now), now, AuditActorKinds.Assistant,
            caller.UserId(), action, "lead", leadId.ToString(), null, null, payload.ToJsonString())], ct);
    }
}
