using Beacon.Conversions.Reports;
using Shouldly;
using Xunit;

namespace Beacon.UnitTests.Conversions;

public sealed class RollupSpansTests
{
    [Theory]
    [InlineData("America/Los_Angeles", "2025-12-08", "2026-12-07")] // a year ending mid-month, across both DST changes
    [InlineData("America/Los_Angeles", "2026-12-06", "2026-12-06")] // one local day: no whole UTC day inside
    [InlineData("Asia/Tokyo", "2025-11-01", "2026-12-06")] // east of UTC: the range starts the evening before
    [InlineData("Europe/Berlin", "2026-03-01", "2026-04-30")] // across the start of summer time
    [InlineData("UTC", "2026-01-01", "2026-12-31")] // every month whole
    [InlineData("UTC", "2026-02-01", "2026-02-28")] // exactly one month
    public void Every_hour_of_the_range_is_read_once_from_a_month_a_day_or_an_hour(string tz, string from, string to)
    {
        var range = Range(tz, from, to);

        var spans = RollupSpans.Of(range);

        var hours = new List<DateTime>(spans.Hours);
        foreach (var month in spans.Months)
        {
            (month.Day, month.TimeOfDay).ShouldBe((1, TimeSpan.Zero), "the rollup holds UTC months");
            hours.AddRange(Enumerable.Range(0, (int)(month.AddMonths(1) - month).TotalHours).Select(h => month.AddHours(h)));
        }

        foreach (var day in spans.Days)
        {
            day.TimeOfDay.ShouldBe(TimeSpan.Zero, "the rollup holds UTC days");
            hours.AddRange(Enumerable.Range(0, 24).Select(h => day.AddHours(h)));
        }

        var expected = Enumerable.Range(0, (int)(range.ToUtc - range.FromUtc).TotalHours).Select(h => range.FromUtc.UtcDateTime.AddHours(h));
        hours.Order().ShouldBe(expected);
    }

    [Fact]
    public void A_year_in_Los_Angeles_reads_eleven_months_the_days_around_them_and_the_two_edge_days_hours()
    {
        var spans = RollupSpans.Of(Range("America/Los_Angeles", "2025-12-08", "2026-12-07"));

        spans.Months.Length.ShouldBe(11, "January to November 2026");
        spans.Days.Length.ShouldBe(23 + 7, "9–31 December 2025 and 1–7 December 2026");
        spans.Hours.Length.ShouldBe(16 + 8, "the rest of 8 December 2025 (from 08:00 UTC) and 8 December 2026 to 08:00 UTC");
    }

    private static ReportRange Range(string tz, string from, string to)
    {
        var errors = new Dictionary<string, string[]>();
        var range = ReportRange.Parse(new ReportQuery(from, to, tz, null, null, null), new DateTimeOffset(2026, 12, 7, 4, 0, 0, TimeSpan.Zero), errors);
        errors.ShouldBeEmpty();
        return range!;
    }
}
