using System.Globalization;
using Beacon.Contracts.Enrichment;
using Beacon.Contracts.Leads;

namespace Beacon.Scoring.Features;

/// <summary>
/// Turns a lead snapshot (and enrichment facts, when any) into <see cref="LeadFacts"/> as of a moment. Activity
/// after the as-of time, after the horizon, or that records the outcome itself (stage changes, closings,
/// assignments) is never read: the same code builds training rows and live scores, so nothing leaks.
/// </summary>
internal static class FactExtractor
{
    public static LeadFacts Extract(LeadSnapshot lead, EnrichmentFacts? enrichment, DateTimeOffset asOf, int horizonDays)
    {
        var end = lead.CreatedAt.AddDays(horizonDays);
        if (asOf < end)
        {
            end = asOf;
        }

        int visits = 0, views = 0, touches = 0, meetings = 0;
        DateTimeOffset? firstContact = null;
        foreach (var a in lead.Activities)
        {
            if (a.OccurredAt > end || a.OccurredAt < lead.CreatedAt.AddMinutes(-1))
            {
                continue;
            }

            switch (a.Type)
            {
                case "web_visit":
                    visits++;
                    break;
                case "property_view":
                    views++;
                    break;
                case "call" or "text" or "email":
                    touches++;
                    firstContact = firstContact is null || a.OccurredAt < firstContact ? a.OccurredAt : firstContact;
                    break;
                case "meeting" or "showing" or "offer":
                    meetings++;
                    firstContact = firstContact is null || a.OccurredAt < firstContact ? a.OccurredAt : firstContact;
                    break;
            }
        }

        var fields = enrichment?.Fields;
        return new LeadFacts
        {
            Source = lead.Source,
            Type = lead.Type,
            Timeline = lead.Timeline,
            Financing = lead.Financing,
            HasPhone = lead.Phones.Count > 0,
            HasEmail = lead.Emails.Count > 0,
            MinutesToFirstContact = firstContact is { } f ? Math.Max(0, (f - lead.CreatedAt).TotalMinutes) : null,
            MinutesWaiting = firstContact is null ? Math.Max(0, (end - lead.CreatedAt).TotalMinutes) : 0,
            WebVisits = visits,
            PropertyViews = views,
            OutboundTouches = touches,
            Meetings = meetings,
            PriceMid = (lead.PriceMin, lead.PriceMax) switch
            {
                ({ } lo, { } hi) => (double)(lo + hi) / 2,
                ({ } lo, null) => (double)lo,
                (null, { } hi) => (double)hi,
                _ => null,
            },
            ZipCount = lead.ZipCodes.Count,
            HasPropertyAddress = lead.PropertyAddress is not null,
            CreatedHourUtc = lead.CreatedAt.UtcDateTime.Hour,
            CreatedWeekday = (int)lead.CreatedAt.UtcDateTime.DayOfWeek,
            Agent = lead.AssignedTo,
            EstimatedValue = Number(fields, "property.estimatedValue"),
            Bedrooms = Number(fields, "property.bedrooms"),
            CreditBand = fields is not null && fields.TryGetValue("credit.band", out var band) ? band : null,
            HasJobTitle = fields is null ? null : fields.ContainsKey("person.title"),
            EnrichmentPending = enrichment?.Pending ?? false,
        };
    }

    private static double? Number(IReadOnlyDictionary<string, string>? fields, string key) =>
        fields is not null && fields.TryGetValue(key, out var text)
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;
}
