using Beacon.Contracts.Leads;
using Beacon.Learning.Metrics;
using Beacon.Scoring;
using Beacon.Scoring.Features;
using Beacon.Scoring.Rules;
using Beacon.Scoring.Serving;
using Microsoft.Extensions.Options;
using Shouldly;
using Xunit;

namespace Beacon.UnitTests.Scoring;

public sealed class FeatureAndRuleTests
{
    private static readonly DateTimeOffset Created = new(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);

    private static LeadSnapshot Lead(string source = "website", string? timeline = "3_6_months", string? financing = "unknown",
        params (string Type, double MinutesAfter)[] activities) =>
        new(Guid.Empty, Guid.CreateVersion7(), "Ann", "Lee", ["ann@example.com"], ["+19165550100"], source, null, "buyer", "new",
            400_000, 500_000, ["95814"], [], timeline, financing, null, null, [], "{}", "{}", null, Created, Created, Created,
            [.. activities.Select(a => new LeadActivitySnapshot(Guid.CreateVersion7(), a.Type, Created.AddMinutes(a.MinutesAfter), null, "{}"))]);

    [Fact]
    public void Facts_ignore_outcome_activity_and_anything_past_the_horizon_or_the_as_of_time()
    {
        var lead = Lead(activities: [("call", 8), ("web_visit", 60), ("property_view", 120), ("stage_change", 200), ("closed", 300),
            ("web_visit", 61 * 24 * 60), ("web_visit", 5 * 24 * 60)]);

        var atTwoDays = FactExtractor.Extract(lead, null, Created.AddDays(2), 60);
        var later = FactExtractor.Extract(lead, null, Created.AddDays(400), 60);

        atTwoDays.MinutesToFirstContact!.Value.ShouldBe(8, 1e-9);
        atTwoDays.WebVisits.ShouldBe(1);
        atTwoDays.PropertyViews.ShouldBe(1);
        later.WebVisits.ShouldBe(2);
        later.Meetings.ShouldBe(0);
        later.PriceMid!.Value.ShouldBe(450_000, 1e-9);
    }

    [Fact]
    public void The_scorecard_ranks_a_pre_approved_asap_referral_above_a_slow_facebook_lead_and_says_why()
    {
        var calculator = new ScoreCalculator(Options.Create(new ScoringOptions()));
        var hot = FactExtractor.Extract(Lead("referral", "asap", "pre_approved", ("call", 4), ("web_visit", 30)), null, Created.AddDays(1), 60);
        var cold = FactExtractor.Extract(Lead("facebook", "12_plus_months", "needs_lender"), null, Created.AddDays(1), 60);

        var a = calculator.Rules(hot);
        var b = calculator.Rules(cold);

        a.Probability.ShouldBeGreaterThan(b.Probability);
        a.Method.ShouldBe("rules");
        a.Reasons.Where(r => r.Direction == "up").Select(r => r.Text).ShouldContain("pre-approved for financing");
        b.Reasons.Where(r => r.Direction == "down").Select(r => r.Text).ShouldContain("still needs a lender");
        b.Reasons.Where(r => r.Direction == "down").Select(r => r.Text).ShouldBe(
            ["plans to move in more than a year", "came in through facebook", "still needs a lender"]);
        a.Reasons.Count(r => r.Direction == "up").ShouldBeLessThanOrEqualTo(3);
    }

    [Fact]
    public void Scorecard_points_are_configurable()
    {
        var options = new ScorecardOptions();
        options.Points["source.website"] = 2.0;
        var facts = FactExtractor.Extract(Lead("website"), null, Created, 60);

        var (boosted, _) = new Scorecard(options).Score(facts);
        var (plain, _) = new Scorecard(new ScorecardOptions()).Score(facts);

        boosted.ShouldBeGreaterThan(plain);
    }

    [Fact]
    public void Out_of_fold_rates_never_use_the_rows_own_outcome()
    {
        var facts = Enumerable.Range(0, 10).Select(i => FactExtractor.Extract(Lead(i == 0 ? "rare" : "website"), null, Created, 60)).ToList();
        double[] labels = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0];
        int[] folds = [0, 1, 2, 3, 4, 0, 1, 2, 3, 4];

        var (source, _) = TargetStats.OutOfFold(facts, labels, folds, 5);

        // "rare" appears once: its rate falls back to the prior of the other folds, not to its own conversion.
        var prior = labels.Where((_, i) => folds[i] != 0).Average();
        source[0].ShouldBe(prior, 1e-12);
    }

    [Fact]
    public void DeLong_sees_no_difference_between_a_model_and_itself_and_a_clear_one_against_noise()
    {
        var random = new Random(1);
        var labels = Enumerable.Range(0, 2000).Select(_ => random.NextDouble() < 0.2 ? 1.0 : 0.0).ToArray();
        var good = labels.Select(l => l + (random.NextDouble() * 1.2)).ToArray();
        var noise = labels.Select(_ => random.NextDouble()).ToArray();

        DeLong.Compare(labels, good, good, 0.05).Difference.ShouldBe(0, 1e-12);
        DeLong.Compare(labels, noise, good, 0.05).LowerBound.ShouldBeGreaterThan(0);
        DeLong.Interval(labels, noise).Lower.ShouldBeLessThan(0.5);
    }

    [Fact]
    public void Reasons_read_like_a_realtor_wrote_them()
    {
        var f = FactExtractor.Extract(Lead("referral", "asap", "cash", ("text", 6), ("property_view", 20), ("property_view", 40)), null, Created.AddDays(1), 60);

        ReasonWriter.Describe("minutes_to_first_contact", f).ShouldBe("reached within 6 minutes");
        ReasonWriter.Describe("property_views", f).ShouldBe("viewed 2 listings");
        ReasonWriter.Describe("timeline", f).ShouldBe("wants to move as soon as possible");
        ReasonWriter.Describe("source", f).ShouldBe("came in as a referral");
    }

    [Fact]
    public void A_single_minute_is_written_in_the_singular()
    {
        var quick = FactExtractor.Extract(Lead("referral", "asap", "cash", ("call", 0.5)), null, Created.AddDays(1), 60);
        var waiting = FactExtractor.Extract(Lead("website", "asap", "cash"), null, Created.AddMinutes(1.2), 60);

        ReasonWriter.Describe("minutes_to_first_contact", quick).ShouldBe("reached within 1 minute");
        ReasonWriter.Describe("minutes_waiting", waiting).ShouldBe("waiting 1 minute for a first contact");
    }
}
