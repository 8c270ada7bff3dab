using System.Text.Json;
using Beacon.Contracts.Enrichment;
using Beacon.Contracts.Leads;
using Beacon.Leads.Model;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Messaging;
using Microsoft.Extensions.DependencyInjection;

namespace Beacon.Leads.Enrichment;

/// <summary>
/// A lead with no time zone of its own (none given, no ZIP code to estimate it from) takes the zone of where the
/// people-data provider places the person ("austin, texas, united states"), recorded as the source
/// <c>enrichment</c>, so quiet hours follow the lead's clock rather than the brokerage's. A zone given or estimated
/// from the lead's address is never replaced.
/// </summary>
internal sealed class ZoneFromEnrichment(IServiceProvider services, TimeProvider clock) : IEventHandler<LeadEnriched>
{
    public const string Source = "enrichment";

    public async Task HandleAsync(LeadEnriched e, TenantTransaction tx, CancellationToken ct)
    {
        if (e.Provider != "person" || !e.Fields.Contains("person.location") || services.GetService<IEnrichmentFacts>() is not { } enrichment)
        {
            return;
        }

        var facts = await enrichment.GetAsync(tx.TenantId, e.LeadId, ct);
        if (PlaceZones.Of(facts.Fields.GetValueOrDefault("person.location")) is not { } place
            || await LeadStore.LockAsync(tx, e.LeadId, ct) is not { TimeZone: null } row)
        {
            return;
        }

        var now = clock.GetUtcNow();
        (row.TimeZone, row.TimeZoneSource) = (place.Zone, Source);
        await LeadStore.UpdateAsync(tx, row, now, ct);
        tx.Publish(new LeadUpdated(Guid.CreateVersion7(), tx.TenantId, now, e.LeadId, null,
            [new LeadFieldChange("timeZone", null, JsonSerializer.Serialize(place.Zone))]));
    }
}
