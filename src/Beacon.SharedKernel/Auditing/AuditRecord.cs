namespace Beacon.SharedKernel.Auditing;

/// <summary>Who acted: a signed-in user, an API key (acting for its creator), the system, a workflow or the assistant.</summary>
public static class AuditActorKinds
{
    public const string User = "user";
    public const string ApiKey = "api_key";
    public const string System = "system";
    public const string Workflow = "workflow";
    public const string Assistant = "assistant";

    /// <summary>A caller not yet signed in (sign-in, sign-out, confirming a sign-up link).</summary>
    public const string Anonymous = "anonymous";
}

/// <summary>
/// One entry for the audit trail. <paramref name="Payload"/> (JSON: before/after values, the event, the request's
/// values) is stored apart from the chained fields so an erasure can redact it without breaking the chain.
/// </summary>
public sealed record AuditRecord(
    Guid Id,
    DateTimeOffset OccurredAt,
    string ActorKind,
    Guid? ActorId,
    string Action,
    string? SubjectType,
    string? SubjectId,
    string? RequestId,
    string? ClientAddress,
    string? Payload);
