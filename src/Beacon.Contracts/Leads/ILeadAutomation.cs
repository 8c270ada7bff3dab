using System.Data.Common;
using Beacon.Contracts.Events;

namespace Beacon.Contracts.Leads;

/// <summary>
/// The transaction an automated change joins (a workflow step's, bound to <see cref="TenantId"/>, row-level security
/// applies), so the change, its events (through <see cref="Publish"/>, the caller's outbox), its audit entry and the
/// step's idempotency key commit together or not at all. The workflow is the actor.
/// </summary>
public sealed record AutomationContext(DbConnection Connection, DbTransaction Transaction, Guid TenantId,
    Action<IntegrationEvent> Publish, Guid WorkflowId, string WorkflowName, DateTimeOffset Now);

/// <summary>
/// What an automated change did, for the enrollment's history: <paramref name="Changed"/> false when the lead was already
/// so (nothing written) or the change could not be made (<paramref name="Description"/> says why);
/// <paramref name="AgentId"/> the agent an assignment chose.
/// </summary>
public sealed record AutomationOutcome(bool Changed, string Description, Guid? AgentId = null);

/// <summary>
/// Changes to a lead made by a workflow, by the Leads module's own write path: the same validation, timeline entry
/// ("by workflow X"), <c>lead.updated</c> / <c>lead.assigned</c> events and audit entry (actor kind <c>workflow</c>) as a
/// person's change. Each method answers null when the lead is gone (deleted or erased).
/// </summary>
public interface ILeadAutomation
{
    /// <summary>The stages a lead may be in, in the pipeline's order (wire names).</summary>
    IReadOnlyList<string> Stages { get; }

    /// <summary>Whether the user is an active member who may hold leads (not read-only), as a manual assignment requires.</summary>
    Task<bool> IsAssignableAsync(DbConnection connection, Guid tenantId, Guid agentId, CancellationToken ct);

    Task<AutomationOutcome?> SetStageAsync(AutomationContext context, Guid leadId, string stage, CancellationToken ct);

    /// <summary>Adds (<paramref name="add"/>) or removes one tag, compared case-insensitively.</summary>
    Task<AutomationOutcome?> TagAsync(AutomationContext context, Guid leadId, string tag, bool add, CancellationToken ct);

    /// <summary>Assigns the lead to <paramref name="agentId"/>, or by the brokerage's round robin when null.</summary>
    Task<AutomationOutcome?> AssignAsync(AutomationContext context, Guid leadId, Guid? agentId, CancellationToken ct);
}
