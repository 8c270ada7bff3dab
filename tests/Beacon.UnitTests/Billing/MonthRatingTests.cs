using Beacon.Billing;
using Beacon.Billing.Plans;
using Beacon.Billing.Rating;
using Shouldly;
using Xunit;

namespace Beacon.UnitTests.Billing;

public sealed class MonthRatingTests
{
    private static readonly BillingMonth April = new(2026, 4); // 30 days
    private static readonly Plan Starter = new("starter", "Starter", 3000, "usd", 14, [new PlanMeter("leads_scored", 100, 2, 1)]);
    private static readonly Plan Team = new("team", "Team", 9000, "usd", 14,
        [new PlanMeter("leads_scored", 500, 1, 1), new PlanMeter("assistant_tokens", 1000, 50, 1000)]);
    private static readonly Plan[] Plans = [Starter, Team];

    [Fact]
    public void A_whole_month_on_one_plan_is_its_monthly_price()
    {
        var rated = MonthRating.Rate(April, [new PlanPeriod("starter", April.Start.AddDays(-40), null)], Plans, [], null, 0, "starter");

        rated.Lines.ShouldHaveSingleItem().AmountCents.ShouldBe(3000);
        rated.TotalCents.ShouldBe(3000);
    }

    [Fact]
    public void A_plan_change_mid_month_credits_the_unused_old_plan_and_charges_the_new_plan_by_the_second()
    {
        var change = April.Start.AddDays(10).AddHours(12); // 10.5 of 30 days on Starter
        PlanPeriod[] periods = [new("starter", April.Start.AddDays(-40), change), new("team", change, null)];

        var rated = MonthRating.Rate(April, periods, Plans, [], null, 0, "team");

        rated.Lines.Select(l => (l.Kind, l.AmountCents)).ShouldBe([
            ("plan", 3000L),
            ("proration_credit", -1950L), // 19.5 / 30 of 3000
            ("plan", 5850L), // 19.5 / 30 of 9000
        ]);
        rated.SubtotalCents.ShouldBe(1050 + 5850);
        rated.PlanCode.ShouldBe("team");
    }

    [Fact]
    public void Time_inside_the_trial_is_credited_back()
    {
        var rated = MonthRating.Rate(April, [new PlanPeriod("starter", April.Start.AddDays(-5), null)], Plans, [],
            April.Start.AddDays(9), 0, "starter");

        rated.Lines.Select(l => (l.Kind, l.AmountCents)).ShouldBe([("plan", 3000L), ("proration_credit", -900L)]);
    }

    [Fact]
    public void Usage_is_rated_on_the_plan_in_force_at_the_months_end_with_blocks_rounded_up()
    {
        var change = April.Start.AddDays(20);
        PlanPeriod[] periods = [new("starter", April.Start.AddDays(-40), change), new("team", change, null)];

        var rated = MonthRating.Rate(April, periods, Plans, [new MeterTotal("leads_scored", 620), new MeterTotal("assistant_tokens", 2_001)],
            null, 0, "team");

        var usage = rated.Lines.Where(l => l.Kind == "usage").ToDictionary(l => l.Meter!);
        usage["leads_scored"].AmountCents.ShouldBe(120, "620 - 500 included, 1 cent each");
        usage["assistant_tokens"].AmountCents.ShouldBe(100, "1,001 over 1,000 included: two started blocks of 1,000 at 50 cents");
        usage["leads_scored"].Quantity.ShouldBe(620);
    }

    [Fact]
    public void Tax_is_rounded_half_away_from_zero_and_a_month_wholly_credited_owes_nothing()
    {
        var taxed = MonthRating.Rate(April, [], Plans, [new MeterTotal("leads_scored", 150)], null, 1_000, "starter");
        taxed.SubtotalCents.ShouldBe(100);
        taxed.TaxCents.ShouldBe(10);
        taxed.TotalCents.ShouldBe(110);

        var half = MonthRating.Rate(April, [], Plans, [new MeterTotal("leads_scored", 105)], null, 2_500, "starter");
        half.TaxCents.ShouldBe(3, "25 % of 10 cents is 2.5, rounded away from zero");

        var credit = MonthRating.Rate(April, [new PlanPeriod("starter", April.Start.AddDays(-3), April.Start.AddDays(1))], Plans, [],
            April.Start.AddDays(20), 825, "starter");
        credit.Lines.Select(l => l.AmountCents).ShouldBe([3000L, -2900L, -100L], "one day used, and that day in the trial");
        credit.TotalCents.ShouldBe(0);
        credit.TaxCents.ShouldBe(0);
        credit.AmountDueCents.ShouldBe(0);
    }

    [Fact]
    public void Rating_the_same_inputs_twice_gives_the_same_lines()
    {
        PlanPeriod[] periods = [new("starter", April.Start.AddDays(-1), April.Start.AddDays(7)), new("team", April.Start.AddDays(7), null)];
        MeterTotal[] usage = [new("leads_scored", 777)];

        MonthRating.Rate(April, periods, Plans, usage, null, 700, "team")
            .ShouldBeEquivalentTo(MonthRating.Rate(April, periods, Plans, usage, null, 700, "team"));
    }

    [Theory]
    [InlineData("2026-04", 2026, 4)]
    [InlineData("2026-12", 2026, 12)]
    public void A_month_reads_as_yyyy_mm(string text, int year, int month) =>
        BillingMonth.TryParse(text).ShouldBe(new BillingMonth(year, month));

    [Theory]
    [InlineData("2026-13")]
    [InlineData("26-04")]
    [InlineData("april")]
    [InlineData("")]
    public void Anything_else_is_no_month(string text) => BillingMonth.TryParse(text).ShouldBeNull();
}
