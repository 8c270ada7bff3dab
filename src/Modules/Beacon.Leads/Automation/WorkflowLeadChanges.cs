using System.Data.Common;
using System.Text.Json;
using System.Text.Json.Nodes;
using Beacon.Contracts.Events;
using Beacon.Contracts.Leads;
using Beacon.Leads.Activities;
using Beacon.Leads.Assignment;
using Beacon.Leads.Model;
using Beacon.SharedKernel.Auditing;
using Beacon.SharedKernel.Messaging;

namespace Beacon.Leads.Automation;

/// <summary>
/// <see cref="ILeadAutomation"/>: a workflow's change to a lead goes down the path a person's PATCH takes — the row
/// locked and rewritten by <see cref="LeadStore"/>, a timeline entry, <c>lead.updated</c> (and <c>lead.assigned</c>) —
/// with no person as actor: the timeline says "by workflow X" and the audit entry is written here, in the same
/// transaction, with actor kind <c>workflow</c> (a job has no request scope for the audit filter to use).
/// </summary>
internal sealed class WorkflowLeadChanges(Assigner assigner, IEnumerable<IAuditTrail> trails) : ILeadAutomation
{
    public IReadOnlyList<string> Stages => LeadVocabulary.Stages;

    public Task<bool> IsAssignableAsync(DbConnection connection, Guid tenantId, Guid agentId, CancellationToken ct) =>
        Assigner.IsAssignableAsync(connection, null, tenantId, agentId, ct);

    public async Task<AutomationOutcome?> SetStageAsync(AutomationContext context, Guid leadId, string stage, CancellationToken ct)
    {
        if (await LockAsync(context, leadId, ct) is not { } row)
        {
            return null;
        }

        var from = row.Stage;
        if (from == stage)
        {
            return new AutomationOutcome(false, $"the lead is already in stage {stage}");
        }

        row.Stage = stage;
        await SaveAsync(context, row, new NewActivity(leadId, "stage_change", context.Now, null, $"Stage {from} → {stage} by workflow “{context.WorkflowName}”.",
            Json(new { from, to = stage, workflowId = context.WorkflowId })), [new LeadFieldChange("stage", Json(from), Json(stage))], ct);
        return new AutomationOutcome(true, $"stage {from} → {stage}");
    }

    public async Task<AutomationOutcome?> TagAsync(AutomationContext context, Guid leadId, string tag, bool add, CancellationToken ct)
    {
        if (await LockAsync(context, leadId, ct) is not { } row)
        {
            return null;
        }

        var normalised = tag.Trim().ToLowerInvariant(); // as capture and PATCH store tags
        var has = row.Tags.Contains(normalised, StringComparer.Ordinal);
        if (has == add)
        {
            return new AutomationOutcome(false, add ? $"the lead already has the tag “{normalised}”" : $"the lead has no tag “{normalised}”");
        }

        var before = row.Tags;
        row.Tags = add ? [.. row.Tags, normalised] : [.. row.Tags.Where(t => t != normalised)];
        var verb = add ? "added" : "removed";
        await SaveAsync(context, row, new NewActivity(leadId, "note", context.Now, null, $"Tag “{normalised}” {verb} by workflow “{context.WorkflowName}”.",
            Json(new { tag = normalised, change = verb, workflowId = context.WorkflowId })), [new LeadFieldChange("tags", Json(before), Json(row.Tags))], ct);
        return new AutomationOutcome(true, $"tag “{normalised}” {verb}");
    }

    public async Task<AutomationOutcome?> AssignAsync(AutomationContext context, Guid leadId, Guid? agentId, CancellationToken ct)
    {
        if (await LockAsync(context, leadId, ct) is not { } row)
        {
            return null;
        }

        var method = agentId is null ? "round_robin" : "workflow";
        if (agentId is { } named && !await Assigner.IsAssignableAsync(context.Connection, context.Transaction, context.TenantId, named, ct))
        {
            return new AutomationOutcome(false, "the agent is no longer an active member who can hold leads");
        }

        if ((agentId ?? await assigner.RoundRobinAsync(context.Connection, context.Transaction, context.TenantId, ct)) is not { } agent)
        {
            return new AutomationOutcome(false, "the brokerage has no active agent for round robin");
        }

        if (agent == row.AssignedTo)
        {
            return new AutomationOutcome(false, "the lead is already assigned to that agent");
        }

        var previous = row.AssignedTo;
        row.AssignedTo = agent;
        var reason = $"Assigned by workflow “{context.WorkflowName}”{(method == "round_robin" ? " (round robin)" : "")}.";
        var assigned = new LeadAssigned(Guid.CreateVersion7(context.Now), context.TenantId, context.Now, leadId, previous, agent, reason);
        context.Publish(assigned);
        await AuditAsync(context, assigned, leadId, ct);
        await SaveAsync(context, row, new NewActivity(leadId, "assignment", context.Now, null, reason,
            Json(new { from = previous, to = agent, method, workflowId = context.WorkflowId })),
            [new LeadFieldChange("assignedTo", Json(previous), Json(agent))], ct);
        return new AutomationOutcome(true, method == "round_robin" ? "assigned by round robin" : "assigned", agent);
    }

    private static Task<LeadRow?> LockAsync(AutomationContext c, Guid leadId, CancellationToken ct) =>
        LeadStore.LockAsync(c.Connection, c.Transaction, c.TenantId, leadId, ct);

    private async Task SaveAsync(AutomationContext c, LeadRow row, NewActivity activity, IReadOnlyList<LeadFieldChange> changes,
        CancellationToken ct)
    {
        await LeadStore.UpdateAsync(c.Connection, c.Transaction, c.TenantId, row, c.Now, ct);
        await ActivityWriter.WriteAsync(c.Connection, c.Transaction, c.TenantId, [activity], ct);
        var updated = new LeadUpdated(Guid.CreateVersion7(c.Now), c.TenantId, c.Now, row.Id, null, changes);
        c.Publish(updated);
        await AuditAsync(c, updated, row.Id, ct);
    }

    private async Task AuditAsync(AutomationContext c, IntegrationEvent evt, Guid leadId, CancellationToken ct)
    {
        if (trails.FirstOrDefault() is not { } trail || c.Connection is not Npgsql.NpgsqlConnection conn
            || c.Transaction is not Npgsql.NpgsqlTransaction tx)
        {
            return;
        }

        var payload = new JsonObject
        {
            ["event"] = JsonSerializer.SerializeToNode(evt, evt.GetType(), MessageJson.Options),
            ["workflow"] = new JsonObject { ["id"] = c.WorkflowId.ToString(), ["name"] = c.WorkflowName },
        };
        await trail.AppendAsync(conn, tx, [new AuditRecord(Guid.CreateVersion7(c.Now), c.Now, AuditActorKinds.Workflow, c.WorkflowId,
            EventNames.Of(evt.GetType()), "lead", leadId.ToString(), null, null, payload.ToJsonString())], ct);
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, JsonSerializerOptions.Web);
}
