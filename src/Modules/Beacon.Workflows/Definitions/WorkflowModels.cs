using System.ComponentModel.DataAnnotations;

namespace Beacon.Workflows.Definitions;

/// <summary>
/// What starts an enrollment: <c>lead_created</c> (captured or imported) or <c>score_crossed</c> (the served score,
/// 0–100, moved across <see cref="Threshold"/> in <see cref="Direction"/> <c>up</c> or <c>down</c>); the lead-change
/// triggers and their fields are described in <see cref="TriggerRules"/>.
/// </summary>
internal sealed record WorkflowTrigger(string? Type, int? Threshold = null, string? Direction = null, string? Grade = null,
    string? Stage = null, string? Tag = null, Guid? AgentId = null, int? Days = null);

/// <summary>
/// One step: <c>email</c> (subject, body with merge fields), <c>wait</c> (delayMinutes; or <see cref="Mode"/>
/// <c>until</c> a moment, <c>until_business_hours</c> in the lead's zone), <c>task</c> (title, dueInMinutes, for the
/// lead's assigned agent), <c>goal</c> (the enrollment ends here, and before any step, once the lead is converted),
/// <c>branch</c> (a condition — <see cref="Field"/> <see cref="Operator"/> <see cref="Value"/> — jumping forward to
/// <see cref="ThenStep"/> or <see cref="ElseStep"/>, 0-based, the next step when null), <c>set_stage</c> (stage),
/// <c>add_tag</c> / <c>remove_tag</c> (tag), <c>assign</c> (agentId, round robin when null) or <c>webhook</c> (a signed
/// POST to url, signed with secret as Beacon.Webhooks signs its deliveries).
/// </summary>
internal sealed record WorkflowStep(string? Type, string? Subject = null, string? Body = null, int? DelayMinutes = null,
    string? Title = null, int? DueInMinutes = null, string? Mode = null, DateTimeOffset? Until = null, string? Field = null,
    string? Operator = null, string? Value = null, int? ThenStep = null, int? ElseStep = null, string? Stage = null,
    string? Tag = null, Guid? AgentId = null, string? Url = null, string? Secret = null);

internal sealed record SaveWorkflowRequest(
    [property: Required, StringLength(120, MinimumLength = 1)] string? Name,
    [property: Required] WorkflowTrigger? Trigger,
    [property: Required, MinLength(1), MaxLength(50)] WorkflowStep[]? Steps,
    bool? Active = null,
    string? Reenrollment = null);

internal sealed record EnrollmentCounts(int Active, int Completed, int Stopped);

internal sealed record WorkflowResponse(Guid Id, string Name, bool Active, int Version, WorkflowTrigger Trigger,
    WorkflowStep[] Steps, EnrollmentCounts Enrollments, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    string Reenrollment = Reenrollments.Never);
