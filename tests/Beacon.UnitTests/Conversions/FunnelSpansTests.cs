using Beacon.Conversions.Reports;
using Shouldly;
using Xunit;

namespace Beacon.UnitTests.Conversions;

public sealed class FunnelSpansTests
{
    [Theory]
    [InlineData("America/Los_Angeles", "2026-09-01", "2026-12-06")] // across the end of daylight saving time
    [InlineData("America/Los_Angeles", "2026-12-06", "2026-12-06")] // one local day: no whole UTC day inside
    [InlineData("Europe/Berlin", "2026-03-02", "2026-04-30")] // east of UTC, across the start of summer time
    [InlineData("UTC", "2025-12-08", "2026-12-06")] // every day whole
    public void Every_hour_of_the_range_is_read_once_and_each_rolled_up_day_lies_in_one_local_week(string tz, string from, string to)
    {
        var range = Range(tz, from, to);

        var spans = FunnelSpans.Of(range);

        var hours = new List<DateTime>(spans.Hours);
        foreach (var day in spans.Days)
        {
            day.TimeOfDay.ShouldBe(TimeSpan.Zero, "the rollup holds UTC days");
            Week(day, range.Zone).ShouldBe(Week(day.AddHours(23), range.Zone), $"{day:u} is cut by a local week start");
            hours.AddRange(Enumerable.Range(0, 24).Select(h => day.AddHours(h)));
        }

        var expected = Enumerable.Range(0, (int)(range.ToUtc - range.FromUtc).TotalHours).Select(h => range.FromUtc.UtcDateTime.AddHours(h));
        hours.Order().ShouldBe(expected);
    }

    [Fact]
    public void A_month_in_Los_Angeles_reads_most_of_its_hours_from_the_daily_rollup()
    {
        var spans = FunnelSpans.Of(Range("America/Los_Angeles", "2026-11-07", "2026-12-06"));

        spans.Days.Length.ShouldBeGreaterThanOrEqualTo(24, "29 UTC days lie inside, less the ~4 a local Monday midnight cuts");
        spans.Hours.Length.ShouldBeLessThanOrEqualTo(6 * 24, "the two edge days and the cut days");
    }

    private static ReportRange Range(string tz, string from, string to)
    {
        var errors = new Dictionary<string, string[]>();
        var range = ReportRange.Parse(new ReportQuery(from, to, tz, null, null, null), new DateTimeOffset(2026, 12, 7, 4, 0, 0, TimeSpan.Zero), errors);
        errors.ShouldBeEmpty();
        return range!;
    }

    private static DateTime Week(DateTime utc, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(utc, zone);
        return local.Date.AddDays(-(((int)local.DayOfWeek + 6) % 7));
    }
}
