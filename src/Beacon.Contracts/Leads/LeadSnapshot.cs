using System.Data.Common;

namespace Beacon.Contracts.Leads;

/// <summary>A lead as other modules may read it (scoring features, enrichment inputs). JSON fields are JSON text.</summary>
public sealed record LeadSnapshot(
    Guid TenantId,
    Guid LeadId,
    string? FirstName,
    string? LastName,
    IReadOnlyList<string> Emails,
    IReadOnlyList<string> Phones,
    string Source,
    string? SourceDetail,
    string Type,
    string Stage,
    decimal? PriceMin,
    decimal? PriceMax,
    IReadOnlyList<string> ZipCodes,
    IReadOnlyList<string> Areas,
    string? Timeline,
    string? Financing,
    LeadAddress? PropertyAddress,
    Guid? AssignedTo,
    IReadOnlyList<string> Tags,
    string CustomFieldsJson,
    string ConsentsJson,
    string? TimeZone,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset LastActivityAt,
    IReadOnlyList<LeadActivitySnapshot> Activities)
{
    /// <summary>Where <see cref="TimeZone"/> came from: <c>provided</c>, <c>zip</c> (the address) or <c>enrichment</c>.</summary>
    public string? TimeZoneSource { get; init; }
}

public sealed record LeadAddress(string? Street, string? City, string? State, string? Zip);

/// <summary>One timeline entry: type (note, call, email, text, web_visit, property_view, stage_change …), when, who.</summary>
public sealed record LeadActivitySnapshot(Guid ActivityId, string Type, DateTimeOffset OccurredAt, Guid? ActorId, string DataJson);

/// <summary>Read access to leads for other modules, implemented by the Leads module (tenant-bound, RLS applies).</summary>
public interface ILeadSnapshots
{
    /// <summary>The lead with its most recent activities (newest first, at most <paramref name="maxActivities"/>); null when unknown or deleted.</summary>
    Task<LeadSnapshot?> GetAsync(Guid tenantId, Guid leadId, int maxActivities, CancellationToken ct);

    /// <summary>
    /// As <see cref="GetAsync(Guid, Guid, int, CancellationToken)"/>, read in the caller's open transaction (bound to
    /// <paramref name="tenantId"/>): a job that already holds one spends no second connection on the read.
    /// </summary>
    Task<LeadSnapshot?> GetAsync(DbConnection connection, DbTransaction transaction, Guid tenantId, Guid leadId, int maxActivities,
        CancellationToken ct);

    /// <summary>Many leads in one round trip (bulk work); unknown or deleted ones are absent from the answer.</summary>
    Task<IReadOnlyList<LeadSnapshot>> GetManyAsync(Guid tenantId, IReadOnlyList<Guid> leadIds, int maxActivities, CancellationToken ct);

    /// <summary>The live leads an import (or the demo seed) created, in id order: what <c>lead.imported</c> brought in.</summary>
    Task<IReadOnlyList<Guid>> ImportedLeadIdsAsync(Guid tenantId, Guid importId, CancellationToken ct);

    /// <summary>A page of the tenant's live lead ids in id order, after <paramref name="after"/> (for rebuilding a projection).</summary>
    Task<IReadOnlyList<Guid>> LiveLeadIdsAsync(Guid tenantId, Guid after, int limit, CancellationToken ct);
}
