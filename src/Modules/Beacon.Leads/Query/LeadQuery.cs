namespace Beacon.Leads.Query;

/// <summary>The list's query string: filters, sort (<c>created</c>, <c>-created</c>, <c>lastActivity</c>, <c>updated</c>), page.</summary>
internal sealed record LeadQuery(
    string? Stage,
    Guid? AssignedTo,
    bool? Unassigned,
    string? Source,
    string? Type,
    string? Tag,
    DateTimeOffset? CreatedFrom,
    DateTimeOffset? CreatedTo,
    DateTimeOffset? ActivityFrom,
    DateTimeOffset? ActivityTo,
    string? Q,
    string? Sort,
    int? Limit,
    string? Cursor);

internal sealed record LeadPage(IReadOnlyList<Model.LeadResponse> Items, string? Next);
