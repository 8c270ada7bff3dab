namespace Beacon.Audit.Browse;

/// <summary>
/// Filters of <c>GET /api/v1/audit</c>. <c>actor</c> is a user's or API key's id; <c>action</c> an event name
/// (<c>lead.updated</c>) or route name (<c>CreateTeam</c>); <c>cursor</c> the <c>next</c> of the previous page.
/// </summary>
internal sealed record AuditQuery(
    Guid? Actor,
    string? Action,
    string? SubjectType,
    string? SubjectId,
    DateTimeOffset? From,
    DateTimeOffset? To,
    long? Cursor,
    int? Limit);

/// <summary>One entry as the API shows it; <c>changes</c> holds the payload (null once redacted by an erasure).</summary>
internal sealed record AuditEntryView(
    long Seq,
    Guid Id,
    DateTimeOffset OccurredAt,
    string ActorKind,
    Guid? ActorId,
    string Action,
    string? SubjectType,
    string? SubjectId,
    string? RequestId,
    string? ClientAddress,
    System.Text.Json.JsonElement? Payload,
    DateTimeOffset? RedactedAt);

internal sealed record AuditPage(IReadOnlyList<AuditEntryView> Items, long? Next);
