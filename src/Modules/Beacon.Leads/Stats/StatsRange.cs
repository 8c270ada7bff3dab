using System.Globalization;

namespace Beacon.Leads.Stats;

/// <summary>The query string of the stats route: <c>from</c>, <c>to</c> (ISO 8601 instants) and <c>tz</c> (IANA zone).</summary>
internal sealed record StatsQuery(string? From, string? To, string? Tz);

/// <summary>A validated stats range: the instants [From, To) and the zone whose local days bucket them.</summary>
internal sealed record StatsRange(DateTimeOffset From, DateTimeOffset To, TimeZoneInfo Zone)
{
    public static readonly TimeSpan DefaultLength = TimeSpan.FromDays(7);
    public static readonly TimeSpan MaxLength = TimeSpan.FromDays(366);

    /// <summary>Defaults: <c>to</c> = now, <c>from</c> = <c>to</c> − 7 days, <c>tz</c> = UTC. Errors name the field.</summary>
    public static StatsRange? Parse(StatsQuery q, DateTimeOffset now, out Dictionary<string, string[]> errors)
    {
        errors = [];
        var to = Instant(q.To, "to", errors) ?? now;
        var from = Instant(q.From, "from", errors) ?? to - DefaultLength;
        var zone = FindZone(q.Tz, errors);
        if (errors.Count > 0 || zone is null)
        {
            return null;
        }

        if (to <= from)
        {
            errors[q.To is null ? "from" : "to"] = ["'to' must be after 'from'."];
        }
        else if (to - from > MaxLength)
        {
            errors[q.From is null ? "to" : "from"] = [$"The range is at most {MaxLength.TotalDays:0} days."];
        }

        return errors.Count > 0 ? null : new StatsRange(from.ToUniversalTime(), to.ToUniversalTime(), zone);
    }

    /// <summary>The local date of <paramref name="instant"/> in the range's zone.</summary>
    public DateOnly LocalDay(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);

    /// <summary>Every local day the range touches (To is exclusive).</summary>
    public IEnumerable<DateOnly> Days()
    {
        var last = LocalDay(To.AddTicks(-1));
        for (var day = LocalDay(From); day <= last; day = day.AddDays(1))
        {
            yield return day;
        }
    }

    private static DateTimeOffset? Instant(string? text, string field, Dictionary<string, string[]> errors)
    {
        if (text is null)
        {
            return null;
        }

        if (text.Length <= 40 && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
        {
            return value;
        }

        errors[field] = ["An ISO 8601 instant, for example 2026-11-21T08:00:00Z."];
        return null;
    }

    // PostgreSQL buckets with the same IANA database (system tzdata), so only IANA ids are accepted, not Windows ones.
    private static TimeZoneInfo? FindZone(string? text, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            return TimeZoneInfo.Utc;
        }

        if (text.Length <= 64 && TimeZoneInfo.TryFindSystemTimeZoneById(text, out var zone) && zone.HasIanaId)
        {
            return zone;
        }

        errors["tz"] = ["Unknown IANA time zone (for example America/New_York)."];
        return null;
    }
}
