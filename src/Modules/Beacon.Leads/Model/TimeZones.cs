using Beacon.Leads.Capture;

namespace Beacon.Leads.Model;

/// <summary>
/// A lead's time zone (so follow-up does not call at 3 a.m.) and how it was determined: <c>provided</c> by the
/// caller, or <c>zip</c> — estimated from the first three digits of a US ZIP code (state-level; a few states that
/// straddle two zones get their majority zone).
/// </summary>
internal static class TimeZones
{
    public static (string? Zone, string? Source) Determine(string? provided, string? zip, Errors e)
    {
        if (!string.IsNullOrWhiteSpace(provided))
        {
            if (TimeZoneInfo.TryFindSystemTimeZoneById(provided.Trim(), out var tz))
            {
                return (tz.Id, "provided");
            }

            e.Add("timeZone", "Unknown IANA time zone (for example America/Los_Angeles).");
            return (null, null);
        }

        return zip is { Length: >= 3 } && int.TryParse(zip.AsSpan(0, 3), out var prefix) ? (FromZipPrefix(prefix), "zip") : (null, null);
    }

    public static string FromZipPrefix(int p) => p switch
    {
        >= 995 => "America/Anchorage",
        >= 967 and <= 968 => "Pacific/Honolulu",
        >= 900 => "America/Los_Angeles",
        >= 889 and <= 898 => "America/Los_Angeles",
        >= 850 and <= 865 => "America/Phoenix",
        >= 800 => "America/Denver",
        >= 590 and <= 599 => "America/Denver",
        >= 350 and <= 369 => "America/Chicago",
        >= 370 and <= 385 => "America/Chicago",
        >= 386 and <= 397 => "America/Chicago",
        >= 500 => "America/Chicago",
        >= 460 and <= 479 => "America/Indiana/Indianapolis",
        _ => "America/New_York",
    };
}
