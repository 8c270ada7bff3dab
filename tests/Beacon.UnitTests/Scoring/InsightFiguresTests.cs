using Beacon.Learning.Metrics;
using Beacon.Scoring.Insights;
using Beacon.Scoring.Monitoring;
using Shouldly;
using Xunit;

namespace Beacon.UnitTests.Scoring;

/// <summary>The figures on the insights screen against values worked out by hand on small fixtures.</summary>
public sealed class InsightFiguresTests
{
    // Three converted leads scored 0.9, 0.8, 0.4 and three lost ones 0.7, 0.3, 0.2.
    private static readonly double[] Labels = [1, 1, 0, 0, 1, 0];
    private static readonly double[] Scores = [0.9, 0.8, 0.7, 0.3, 0.4, 0.2];

    [Fact]
    public void Roc_auc_and_its_DeLong_interval_match_the_hand_computed_values()
    {
        // 8 of the 9 converted/lost pairs are ordered right (0.4 < 0.7 is the one miss): AUC = 8/9.
        // Placements: converted [1, 1, 2/3], lost [2/3, 1, 1]; each has sample variance 1/27, so
        // Var = (1/27)/3 + (1/27)/3 = 2/81 and the 95 % half-width is 1.959964 · √(2/81) = 0.307977.
        var (auc, lower, upper) = DeLong.Interval(Labels, Scores);

        auc.ShouldBe(8.0 / 9, 1e-12);
        lower.ShouldBe((8.0 / 9) - 0.307977, 1e-5);
        upper.ShouldBe((8.0 / 9) + 0.307977, 1e-5);
    }

    [Fact]
    public void Calibration_per_band_is_worded_with_counts_and_the_share_that_converted()
    {
        // Four leads in 70–80 % of which three converted; one each in 20–30 % (lost), 30–40 % (lost), 40–50 % (converted).
        double[] labels = [1, 1, 1, 0, 0, 1, 0];
        double[] scores = [0.72, 0.75, 0.78, 0.71, 0.2, 0.45, 0.3];

        var words = Reliability.Table(labels, scores, 10).Select(CalibrationWords.Describe).ToList();

        words.ShouldBe([
            "of 1 leads scored 20–30 %, 0 % converted",
            "of 1 leads scored 30–40 %, 0 % converted",
            "of 1 leads scored 40–50 %, 100 % converted",
            "of 4 leads scored 70–80 %, 75 % converted",
        ]);
    }

    [Fact]
    public void Score_psi_is_zero_for_the_hold_out_mix_and_grows_as_scores_move_up()
    {
        // Hold-out: 60 leads in 0–10 %, 40 in 10–20 %.
        var baseline = ScorePsi.BaselineShares([new ReliabilityBin(0, 0.1, 60, 0.05, 0.02), new ReliabilityBin(0.1, 0.2, 40, 0.15, 0.1)]);
        baseline[0].ShouldBe(0.6, 1e-12);
        baseline[1].ShouldBe(0.4, 1e-12);

        ScorePsi.Psi(baseline, [.. Enumerable.Repeat(0.05, 6), .. Enumerable.Repeat(0.15, 4)]).ShouldBe(0, 1e-12);
        // Live 20 % / 80 %: (0.2 − 0.6)·ln(0.2/0.6) + (0.8 − 0.4)·ln(0.8/0.4) = 0.4·ln 3 + 0.4·ln 2 = 0.4·ln 6.
        ScorePsi.Psi(baseline, [.. Enumerable.Repeat(0.05, 2), .. Enumerable.Repeat(0.15, 8)]).ShouldBe(0.4 * Math.Log(6), 1e-12);
    }

    [Fact]
    public void Score_distribution_puts_every_lead_in_one_band_and_one_grade_and_counts_model_and_rules()
    {
        var summary = ScoreDistributionEndpoint.Summarise([(9, "A", "model", 2), (2, "B", "model", 3), (2, "C", "rules", 1), (0, "D", "rules", 4)]);

        summary.Leads.ShouldBe(10);
        summary.ByModel.ShouldBe(5);
        summary.ByRules.ShouldBe(5);
        summary.Buckets.Select(b => b.Count).ShouldBe([4, 0, 4, 0, 0, 0, 0, 0, 0, 2]);
        summary.Buckets[9].ShouldBe(new ScoreBucket(90, 100, 2));
        summary.Grades.Select(g => (g.Grade, g.Count)).ShouldBe([("A", 2), ("B", 3), ("C", 1), ("D", 4)]);
    }
}
