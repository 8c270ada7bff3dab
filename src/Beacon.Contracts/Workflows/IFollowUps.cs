using System.Security.Claims;

namespace Beacon.Contracts.Workflows;

/// <summary>A workflow a lead can be enrolled in.</summary>
public sealed record WorkflowChoice(Guid Id, string Name);

/// <summary>
/// What a follow-up did: <paramref name="Done"/> and the created task's or enrollment's id, or, when refused, a
/// sentence for the person saying why (no such lead they may see, not their role, already enrolled…).
/// </summary>
public sealed record FollowUpOutcome(bool Done, string Message, Guid? Id = null);

/// <summary>
/// Follow-ups on a lead for another module acting for a person (the assistant), by the Workflows module's own rules:
/// the caller must be allowed to view the lead; agents create tasks for themselves; enrolling takes a team lead or
/// above, as the workflows screen does. Each action is written to the audit trail with the change, as the assistant's.
/// </summary>
public interface IFollowUps
{
    /// <summary>The active workflows the caller may enrol leads in, by name.</summary>
    Task<IReadOnlyList<WorkflowChoice>> ActiveWorkflowsAsync(ClaimsPrincipal caller, CancellationToken ct);

    Task<FollowUpOutcome> CreateTaskAsync(ClaimsPrincipal caller, Guid leadId, string title, DateTimeOffset dueAt, CancellationToken ct);

    Task<FollowUpOutcome> EnrolAsync(ClaimsPrincipal caller, Guid leadId, Guid workflowId, CancellationToken ct);
}
