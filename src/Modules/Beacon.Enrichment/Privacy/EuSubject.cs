using Beacon.Contracts.Leads;

namespace Beacon.Enrichment.Privacy;

/// <summary>
/// Whether a lead is a data subject GDPR protects (EU/EEA, and the UK's copy of it): an EEA time zone or an
/// EEA/UK phone number. When in doubt it says yes: an unneeded notice costs little, a missing one is a breach.
/// </summary>
internal static class EuSubject
{
    private static readonly HashSet<string> NonEeaEuropeanZones = new(StringComparer.Ordinal)
    {
        "Europe/Moscow", "Europe/Minsk", "Europe/Istanbul", "Europe/Kaliningrad", "Europe/Samara", "Europe/Volgograd",
        "Europe/Kirov", "Europe/Astrakhan", "Europe/Saratov", "Europe/Ulyanovsk", "Europe/Kiev", "Europe/Kyiv",
        "Europe/Chisinau", "Europe/Belgrade", "Europe/Sarajevo", "Europe/Skopje", "Europe/Tirane", "Europe/Simferopol",
    };

    // EU/EEA member calling codes and the UK (+44), longest first so +35x is not read as +3x.
    private static readonly string[] CallingCodes =
    [
        "351", "352", "353", "354", "356", "357", "358", "359", "370", "371", "372", "385", "386", "420", "421", "423",
        "30", "31", "32", "33", "34", "36", "39", "40", "43", "44", "45", "46", "47", "48", "49",
    ];

    public static bool Is(LeadSnapshot lead) =>
        (lead.TimeZone is { } zone && zone.StartsWith("Europe/", StringComparison.Ordinal) && !NonEeaEuropeanZones.Contains(zone))
        || lead.Phones.Any(p => p.StartsWith('+') && CallingCodes.Any(c => p.AsSpan(1).StartsWith(c, StringComparison.Ordinal)));
}
