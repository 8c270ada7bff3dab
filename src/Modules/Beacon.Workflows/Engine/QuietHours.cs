using Beacon.Contracts.Leads;

namespace Beacon.Workflows.Engine;

/// <summary>Where a lead's time zone came from, for the history: "the phone's area code 312" or "the brokerage's zone".</summary>
internal sealed record LeadZone(TimeZoneInfo Zone, string Source);

/// <summary>
/// Messages reach a lead only between 08:00 and 21:00 in the lead's own time zone; a send due outside that window
/// is deferred (never dropped) to the next 08:00 there.
/// </summary>
internal static class QuietHours
{
    public static readonly TimeSpan Opens = TimeSpan.FromHours(8);
    public static readonly TimeSpan Closes = TimeSpan.FromHours(21);

    /// <summary>
    /// The first phone with a known area code decides; then the lead's own zone (given on the lead, estimated by Leads
    /// from the property's ZIP code, or taken from where enrichment places the person); otherwise the brokerage's zone.
    /// </summary>
    public static LeadZone ZoneOf(LeadSnapshot lead, string brokerageZone) =>
        ByAreaCode(lead.Phones)
        ?? (lead.TimeZone is { } own && TimeZoneInfo.TryFindSystemTimeZoneById(own, out var zone)
            ? new LeadZone(zone, RecordSource(lead.TimeZoneSource))
            : null)
        ?? Brokerage(brokerageZone);

    private static string RecordSource(string? source) => source switch
    {
        "zip" => "the lead's address (its ZIP code)",
        "enrichment" => "enrichment (where the person lives)",
        _ => "the lead's own time zone",
    };

    /// <summary>The first phone with a known area code decides; otherwise the brokerage's zone.</summary>
    public static LeadZone ZoneOf(IEnumerable<string> phones, string brokerageZone) => ByAreaCode(phones) ?? Brokerage(brokerageZone);

    private static LeadZone? ByAreaCode(IEnumerable<string> phones)
    {
        foreach (var phone in phones)
        {
            if (AreaCodes.ZoneOf(phone) is { } found)
            {
                return new LeadZone(TimeZoneInfo.FindSystemTimeZoneById(found.Zone), $"the phone's area code {found.AreaCode}");
            }
        }

        return null;
    }

    private static LeadZone Brokerage(string zone) => new(TimeZoneInfo.FindSystemTimeZoneById(zone), "the brokerage's time zone");

    /// <summary>Null when <paramref name="now"/> is within sending hours in <paramref name="zone"/>, else the next 08:00 there.</summary>
    public static DateTimeOffset? DeferredUntil(DateTimeOffset now, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(now, zone);
        if (local.TimeOfDay >= Opens && local.TimeOfDay < Closes)
        {
            return null;
        }

        var day = local.TimeOfDay < Opens ? local.Date : local.Date.AddDays(1);
        var opening = day + Opens;
        return new DateTimeOffset(opening, zone.GetUtcOffset(opening)).ToUniversalTime();
    }
}
