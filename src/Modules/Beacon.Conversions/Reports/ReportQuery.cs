using System.Globalization;

namespace Beacon.Conversions.Reports;

/// <summary>
/// The query string every conversion report shares: <c>from</c>/<c>to</c> (local dates, both included), <c>tz</c>
/// (IANA), and optional <c>source</c>, <c>agent</c>, <c>team</c> filters.
/// </summary>
internal sealed record ReportQuery(string? From, string? To, string? Tz, string? Source, Guid? Agent, Guid? Team);

/// <summary>
/// A validated report range: local days [FromDate, ToDate] in Zone, i.e. the instants [FromUtc, ToUtc). Work is
/// bounded by <see cref="MaxDays"/> and by the hourly cells: a range never reads more than its hours' cells.
/// </summary>
internal sealed record ReportRange(DateOnly FromDate, DateOnly ToDate, TimeZoneInfo Zone, DateTimeOffset FromUtc, DateTimeOffset ToUtc)
{
    public const int MaxDays = 731;
    public const int DefaultDays = 30;

    /// <summary>Defaults: the last 30 local days up to today, UTC. Each error names its field.</summary>
    public static ReportRange? Parse(ReportQuery q, DateTimeOffset now, Dictionary<string, string[]> errors)
    {
        var zone = FindZone(q.Tz, errors);
        var today = zone is null ? DateOnly.FromDateTime(now.UtcDateTime) : DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        var to = Date(q.To, "to", errors) ?? today;
        var from = Date(q.From, "from", errors) ?? to.AddDays(1 - DefaultDays);
        if (errors.Count > 0 || zone is null)
        {
            return null;
        }

        if (from > to)
        {
            errors["from"] = ["'from' must not be after 'to'."];
            return null;
        }

        if (to.DayNumber - from.DayNumber + 1 > MaxDays)
        {
            errors["to"] = [$"A range covers at most {MaxDays} days (two years)."];
            return null;
        }

        var fromUtc = Midnight(from, zone);
        var toUtc = Midnight(to.AddDays(1), zone);
        // Counts are kept per UTC hour: a zone whose midnight falls inside an hour (India, Newfoundland) cannot be cut exactly.
        if (fromUtc.Minute != 0 || toUtc.Minute != 0 || zone.BaseUtcOffset.Minutes != 0)
        {
            errors["tz"] = ["Reports use time zones whose offsets are whole hours."];
            return null;
        }

        return new ReportRange(from, to, zone, fromUtc, toUtc);
    }

    private static DateTimeOffset Midnight(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        // A midnight skipped by a DST change (rare) starts at the first valid instant after it.
        while (zone.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    private static DateOnly? Date(string? text, string field, Dictionary<string, string[]> errors)
    {
        if (text is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) && d.Year is >= 1990 and <= 2100)
        {
            return d;
        }

        errors[field] = ["A date as YYYY-MM-DD (1990–2100)."];
        return null;
    }

    // PostgreSQL buckets with the same IANA database, so only IANA ids are accepted.
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

        errors["tz"] = ["Unknown IANA time zone (for example America/Los_Angeles)."];
        return null;
    }
}
