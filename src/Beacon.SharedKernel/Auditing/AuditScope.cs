using System.Text.Json.Nodes;

namespace Beacon.SharedKernel.Auditing;

/// <summary>
/// The mutation a request is making: who, from where, under which request id, to what. Set by
/// <see cref="AuditFilter"/> for the duration of a mutating endpoint (an async-local value, so every transaction the
/// handler commits sees it) and read by <see cref="TenantTransaction"/>'s commit, which records its events.
/// </summary>
public sealed class AuditScope
{
    private static readonly AsyncLocal<AuditScope?> Ambient = new();

    internal AuditScope(string actorKind, Guid? actorId, Guid? tenantId, string action, string? subjectType,
        string? subjectId, string? requestId, string? clientAddress, JsonObject? requestValues)
    {
        ActorKind = actorKind;
        ActorId = actorId;
        TenantId = tenantId;
        Action = action;
        SubjectType = subjectType;
        SubjectId = subjectId;
        RequestId = requestId;
        ClientAddress = clientAddress;
        RequestValues = requestValues;
    }

    /// <summary>The mutation in progress on this async flow, if any.</summary>
    public static AuditScope? Current
    {
        get => Ambient.Value;
        internal set => Ambient.Value = value;
    }

    public string ActorKind { get; private set; }

    public Guid? ActorId { get; private set; }

    /// <summary>The caller's tenant, or for an anonymous caller the tenant of the first transaction recorded.</summary>
    public Guid? TenantId { get; internal set; }

    public string Action { get; }

    public string? SubjectType { get; }

    public string? SubjectId { get; }

    public string? RequestId { get; }

    public string? ClientAddress { get; }

    /// <summary>The request's bound values (secrets masked): the "after" of a change no event describes.</summary>
    public JsonObject? RequestValues { get; }

    /// <summary>True once an entry for this request was written with a transaction's events.</summary>
    public bool Recorded { get; internal set; }

    /// <summary>For routes where the actor is known only once the handler found them (sign-in).</summary>
    public void IdentifyActor(string kind, Guid id)
    {
        ActorKind = kind;
        ActorId = id;
    }
}
