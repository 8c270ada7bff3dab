namespace Beacon.Enrichment.Api;

internal sealed record LeadEnrichmentView(
    Guid LeadId,
    bool Pending,
    IReadOnlyList<ProviderStepView> Providers,
    IReadOnlyList<ConflictView> Conflicts,
    ObjectionView? Objection,
    IReadOnlyList<NoticeView> Notices);

internal sealed record ProviderStepView(
    string Provider,
    string State,
    string? Detail,
    int Attempts,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? CompletedAt,
    IReadOnlyDictionary<string, FieldView> Fields);

/// <summary>One enriched value with its provenance.</summary>
internal sealed record FieldView(string Value, string Provider, DateTimeOffset FetchedAt, DateTimeOffset ExpiresAt, double Confidence);

internal sealed record ConflictView(string Field, string Provider, string TypedValue, string ProviderValue, DateTimeOffset RecordedAt);

internal sealed record ObjectionView(DateTimeOffset ObjectedAt, string? Reason);

internal sealed record NoticeView(string Kind, DateTimeOffset ScheduledFor, DateTimeOffset DueBy, DateTimeOffset? IssuedAt);
