using Beacon.Contracts.Leads;
using Beacon.SharedKernel.Database;
using Beacon.Workflows.Definitions;
using Beacon.Workflows.Members;

namespace Beacon.Workflows.Engine;

/// <summary>
/// The steps that change the lead — <c>set_stage</c>, <c>add_tag</c>, <c>remove_tag</c>, <c>assign</c> — through the
/// Leads module's <see cref="ILeadAutomation"/>, in the step's transaction: the change commits with the step's
/// idempotency key, so a redelivered job never changes the lead twice (nor takes a second round-robin turn).
/// </summary>
internal sealed class LeadSteps(ILeadAutomation automation)
{
    public async Task<StepOutcome> RunAsync(TenantTransaction tx, WorkflowVersion workflow, WorkflowStep step, LeadSnapshot lead,
        string label, DateTimeOffset now, CancellationToken ct)
    {
        var context = new AutomationContext(tx.Connection, tx.Transaction, tx.TenantId, tx.Publish, workflow.WorkflowId, workflow.Name, now);
        Member? agent = null;
        if (step.AgentId is { } agentId)
        {
            agent = await MemberStore.FindAsync(tx.Connection, tx.TenantId, agentId, ct);
        }

        var outcome = step.Type switch
        {
            "set_stage" => await automation.SetStageAsync(context, lead.LeadId, step.Stage!, ct),
            "add_tag" => await automation.TagAsync(context, lead.LeadId, step.Tag!, add: true, ct),
            "remove_tag" => await automation.TagAsync(context, lead.LeadId, step.Tag!, add: false, ct),
            _ => await automation.AssignAsync(context, lead.LeadId, step.AgentId, ct),
        };
        if (outcome is null)
        {
            return ("skipped", $"{label} skipped: the lead was deleted", now);
        }

        var who = agent?.DisplayName ?? (step.AgentId is null ? null : "the chosen agent");
        if (!outcome.Changed)
        {
            return ("skipped", $"{label} skipped: {(who is null ? outcome.Description : outcome.Description.Replace("the agent", who, StringComparison.Ordinal))}", now);
        }

        if (step.Type == "assign")
        {
            var assignee = step.AgentId is null && outcome.AgentId is { } chosen
                ? (await MemberStore.FindAsync(tx.Connection, tx.TenantId, chosen, ct))?.DisplayName
                : who;
            return ("done", $"{label}: lead {outcome.Description} to {assignee ?? "an agent"}", now);
        }

        return ("done", $"{label}: {outcome.Description}", now);
    }
}
