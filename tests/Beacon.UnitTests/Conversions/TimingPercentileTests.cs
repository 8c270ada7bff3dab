using Beacon.Conversions.Reports;
using Shouldly;
using Xunit;

namespace Beacon.UnitTests.Conversions;

/// <summary>The percentile over counted values is PostgreSQL's percentile_cont over the values repeated by their counts.</summary>
public sealed class TimingPercentileTests
{
    [Theory]
    [InlineData(0.5, 3.0)] // ranks 1 and 2 of 1, 2, 4, 10: halfway between 2 and 4
    [InlineData(0.75, 5.5)] // rank 2.25: 4 + 0.25 × 6
    [InlineData(0.9, 8.2)] // rank 2.7: 4 + 0.7 × 6
    [InlineData(0.0, 1.0)]
    [InlineData(1.0, 10.0)]
    public void Four_values_counted_once_each_give_percentile_cont(double p, double expected) =>
        TimingReader.Percentile(Counts((1, 1), (2, 1), (4, 1), (10, 1)), 4, p).ShouldBe(expected);

    [Fact]
    public void A_value_counted_many_times_spans_as_many_ranks()
    {
        // 1, 2, 2, 2, 7: the median (rank 2) and p75 (rank 3) fall inside the three 2s; p90 (rank 3.6) between 2 and 7.
        var counts = Counts((1, 1), (2, 3), (7, 1));

        TimingReader.Percentile(counts, 5, 0.5).ShouldBe(2);
        TimingReader.Percentile(counts, 5, 0.75).ShouldBe(2);
        TimingReader.Percentile(counts, 5, 0.9).ShouldBe(5);
    }

    [Fact]
    public void No_values_have_no_percentile_and_one_value_is_every_percentile()
    {
        TimingReader.Percentile([], 0, 0.5).ShouldBeNull();
        TimingReader.Percentile(Counts((13, 1)), 1, 0.9).ShouldBe(13);
    }

    private static List<TimingReader.Count> Counts(params (double Value, long Leads)[] counts) =>
        [.. counts.Select(c => new TimingReader.Count { Value = c.Value, Leads = c.Leads })];
}
