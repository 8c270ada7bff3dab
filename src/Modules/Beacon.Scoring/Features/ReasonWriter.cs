using System.Globalization;

namespace Beacon.Scoring.Features;

/// <summary>A reason a score is high or low, in a realtor's words.</summary>
internal sealed record ScoreReason(string Text, string Direction, double Weight, string Feature);

/// <summary>Says what a feature's value means for this lead ("pre-approved for financing", "not contacted yet").</summary>
internal static class ReasonWriter
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Describe(string feature, LeadFacts f, FeaturePipeline? pipeline = null) => feature switch
    {
        "source" => f.Source switch
        {
            "referral" => "came in as a referral",
            "past_client" => "is a past client",
            "open_house" => "met you at an open house",
            "website" => "came in through your website",
            _ => $"came in through {f.Source.Replace('_', ' ')}",
        },
        "type" => $"is a {f.Type}",
        "timeline" => f.Timeline switch
        {
            "asap" => "wants to move as soon as possible",
            "0_3_months" => "plans to move within 3 months",
            "3_6_months" => "plans to move in 3–6 months",
            "6_12_months" => "plans to move in 6–12 months",
            "12_plus_months" => "plans to move in more than a year",
            _ => "has not said when they want to move",
        },
        "financing" => f.Financing switch
        {
            "pre_approved" => "pre-approved for financing",
            "cash" => "paying cash",
            "pre_qualified" => "pre-qualified for a mortgage",
            "needs_lender" => "still needs a lender",
            "not_applicable" => "no financing needed",
            _ => "financing not known yet",
        },
        "has_phone" => f.HasPhone ? "left a phone number" : "did not leave a phone number",
        "has_email" => f.HasEmail ? "left an e-mail address" : "did not leave an e-mail address",
        "minutes_to_first_contact" => f.MinutesToFirstContact is { } m
            ? (m <= 10 ? $"reached within {Count((int)Math.Max(1, Math.Ceiling(m)), "minute")}" : $"first reached after {Duration(m)}")
            : "not contacted yet",
        "minutes_waiting" => f.MinutesWaiting > 0 ? $"waiting {Duration(f.MinutesWaiting)} for a first contact" : "already contacted",
        "web_visits" => f.WebVisits > 0 ? $"visited the website {Times(f.WebVisits)}" : "has not visited the website",
        "property_views" => f.PropertyViews > 0 ? $"viewed {Count(f.PropertyViews, "listing")}" : "has not viewed any listing",
        "engagement" => f.Engagement > 0 ? $"{Count(f.Engagement, "website visit or listing view", "website visits and listing views")}" : "no website activity",
        "outbound_touches" => f.OutboundTouches > 0 ? $"{Count(f.OutboundTouches, "call, text or e-mail", "calls, texts or e-mails")} so far" : "no calls, texts or e-mails logged",
        "meetings" => f.Meetings > 0 ? $"{Count(f.Meetings, "meeting, showing or offer", "meetings, showings or offers")} logged" : "no meeting or showing yet",
        "price_mid" => f.PriceMid is { } p ? $"looking around {Money(p)}" : "no price range given",
        "zip_count" => f.ZipCount > 0 ? $"interested in {Count(f.ZipCount, "ZIP code")}" : "no area of interest given",
        "has_property_address" => f.HasPropertyAddress ? "gave the property's address" : "no property address",
        "created_hour_utc" => $"came in at {f.CreatedHourUtc.ToString("00", Inv)}:00 UTC",
        "created_weekday" => $"came in on a {(DayOfWeek)f.CreatedWeekday}",
        FeatureCatalog.SourceRate => pipeline is null ? "source's track record"
            : $"{f.Source.Replace('_', ' ')} leads have converted {Percent(pipeline.Stats.SourceRate(f.Source))} of the time here",
        FeatureCatalog.AgentRate => pipeline is null ? "agent's track record"
            : f.Agent is null ? "no agent's track record yet" : $"the assigned agent converts {Percent(pipeline.Stats.AgentRate(f.Agent))} of leads",
        "has_agent" => f.Agent is null ? "no agent assigned yet" : "an agent is assigned",
        "estimated_value" => f.EstimatedValue is { } v ? $"property worth about {Money(v)}" : "property value not known",
        "bedrooms" => f.Bedrooms is { } b ? $"{b.ToString("0", Inv)}-bedroom property" : "property size not known",
        "credit_band" => f.CreditBand is { } c ? $"credit band {c}" : "credit band not known",
        "has_job_title" => f.HasJobTitle == true ? "job title found" : "no job title found",
        _ => feature.Replace('_', ' '),
    };

    private static string Duration(double minutes) => minutes switch
    {
        < 90 => Count((int)Math.Max(1, Math.Round(minutes)), "minute"),
        < 48 * 60 => $"{Math.Round(minutes / 60).ToString(Inv)} hours",
        _ => $"{Math.Round(minutes / 1440).ToString(Inv)} days",
    };

    private static string Times(int n) => n == 1 ? "once" : n == 2 ? "twice" : $"{n.ToString(Inv)} times";

    private static string Count(int n, string one, string? many = null) =>
        n == 1 ? $"1 {one}" : $"{n.ToString(Inv)} {many ?? one + "s"}";

    private static string Money(double v) => v >= 1_000_000
        ? $"${(v / 1_000_000).ToString("0.0#", Inv)}M"
        : $"${Math.Round(v / 1000).ToString(Inv)}k";

    private static string Percent(double p) => $"{Math.Round(p * 100).ToString(Inv)} %";
}
