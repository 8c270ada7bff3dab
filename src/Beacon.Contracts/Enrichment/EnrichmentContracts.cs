using Beacon.Contracts.Events;

namespace Beacon.Contracts.Enrichment;

/// <summary>Enrichment of a lead changed: a provider completed, found nothing, failed, or was skipped.</summary>
[EventName("lead.enriched")]
public sealed record LeadEnriched(Guid Id, Guid TenantId, DateTimeOffset OccurredAt, Guid LeadId, string Provider, string State,
    IReadOnlyList<string> Fields)
    : IntegrationEvent(Id, TenantId, OccurredAt);

/// <summary>
/// What enrichment knows of a lead, for other modules (scoring features). Field names are
/// <c>provider.field</c> in camelCase, e.g. <c>property.estimatedValue</c>, <c>property.bedrooms</c>,
/// <c>person.title</c>, <c>credit.band</c>; values are invariant-culture text. <see cref="Pending"/> is true while a
/// provider is still working, so a score can say it may change.
/// </summary>
public sealed record EnrichmentFacts(Guid LeadId, IReadOnlyDictionary<string, string> Fields, bool Pending);

/// <summary>Implemented by the Enrichment module; callers must cope with it being absent (no enrichment yet).</summary>
public interface IEnrichmentFacts
{
    Task<EnrichmentFacts> GetAsync(Guid tenantId, Guid leadId, CancellationToken ct);

    /// <summary>The facts of many leads in one round trip (bulk scoring), keyed by lead id; every asked lead is present.</summary>
    Task<IReadOnlyDictionary<Guid, EnrichmentFacts>> GetManyAsync(Guid tenantId, IReadOnlyList<Guid> leadIds, CancellationToken ct);
}
