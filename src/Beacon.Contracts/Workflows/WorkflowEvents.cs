using Beacon.Contracts.Events;

namespace Beacon.Contracts.Workflows;

/// <summary>
/// A lead's enrollment in a workflow moved: <c>enrolled</c>, a step <c>sent</c>, <c>deferred</c>, <c>skipped</c>,
/// <c>failed</c> or <c>done</c>, <c>completed</c>, <c>stopped</c> (also <c>parked</c>/<c>resumed</c> by a pause and an SMS's
/// <c>delivered</c>). <paramref name="Step"/> is 0-based, null for the enrollment as a whole; <paramref name="Reason"/> is
/// the history line a person reads. It carries <c>leadId</c>, so the live stream shows it only to who may see the lead.
/// </summary>
[EventName("workflow.enrollment_changed")]
public sealed record EnrollmentChanged(Guid Id, Guid TenantId, DateTimeOffset OccurredAt, Guid EnrollmentId, Guid WorkflowId,
    Guid LeadId, int? Step, string Status, string Reason)
    : IntegrationEvent(Id, TenantId, OccurredAt);
