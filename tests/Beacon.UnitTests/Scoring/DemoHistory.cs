using Beacon.Contracts.Enrichment;
using Beacon.Contracts.Leads;
using Beacon.Leads.Demo;

namespace Beacon.UnitTests.Scoring;

/// <summary>The Leads demo generator's history as the snapshots Scoring reads, with each lead's true probability.</summary>
internal static class DemoHistory
{
    public static readonly DateTimeOffset Now = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid[] Agents =
    [
        Guid.Parse("0195d000-0000-7000-8000-000000000004"),
        Guid.Parse("0195d000-0000-7000-8000-000000000005"),
        Guid.Parse("0195d000-0000-7000-8000-000000000006"),
    ];

    public static List<(LeadSnapshot Lead, double TrueProbability)> Generate(int count, int seed = 42) =>
        [.. new DemoGenerator(seed, Now, [(Agents[0], 45), (Agents[1], 35), (Agents[2], 20)]).Generate(count)
            .Select(g => (ToSnapshot(g), g.Probability))];

    public static IEnumerable<(LeadSnapshot, EnrichmentFacts?)> WithoutEnrichment(IEnumerable<LeadSnapshot> leads) =>
        leads.Select(l => (l, (EnrichmentFacts?)null));

    private static LeadSnapshot ToSnapshot(GeneratedLead g)
    {
        var r = g.Lead;
        var activities = g.Activities.OrderByDescending(a => a.OccurredAt)
            .Select(a => new LeadActivitySnapshot(a.Id, a.Type, a.OccurredAt, a.ActorId, a.Data)).ToList();
        var address = r.PropertyStreet is null ? null : new LeadAddress(r.PropertyStreet, r.PropertyCity, r.PropertyState, r.PropertyZip);
        return new LeadSnapshot(Guid.Empty, r.Id, r.FirstName, r.LastName, r.Emails, r.Phones, r.Source, r.SourceDetail, r.Type,
            r.Stage, r.PriceMin, r.PriceMax, r.ZipCodes, r.Areas, r.Timeline, r.Financing, address, r.AssignedTo, r.Tags,
            r.CustomFields, r.Consents, r.TimeZone, r.CreatedAt, r.UpdatedAt, r.LastActivityAt, activities);
    }
}
