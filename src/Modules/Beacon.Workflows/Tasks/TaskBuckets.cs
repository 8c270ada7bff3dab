namespace Beacon.Workflows.Tasks;

/// <summary>
/// Where a task sits in "my tasks", judged in the viewer's time zone: a task due at 23:00 is today's for the agent in
/// Chicago even when it is already tomorrow in UTC.
/// </summary>
internal static class TaskBuckets
{
    public const string Overdue = "overdue";
    public const string Today = "today";
    public const string Upcoming = "upcoming";
    public const string Done = "done";

    public static IReadOnlyList<string> Views { get; } = [Overdue, Today, Upcoming, Done, "open", "all"];

    /// <summary>The first instant of the viewer's tomorrow.</summary>
    public static DateTimeOffset EndOfDay(DateTimeOffset now, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var midnight = local.Date.AddDays(1);
        return new DateTimeOffset(midnight, zone.GetUtcOffset(midnight)).ToUniversalTime();
    }

    public static string Of(DateTimeOffset dueAt, DateTimeOffset? completedAt, DateTimeOffset now, DateTimeOffset endOfDay) =>
        completedAt is not null ? Done
        : dueAt < now ? Overdue
        : dueAt < endOfDay ? Today
        : Upcoming;
}
