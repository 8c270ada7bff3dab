namespace Beacon.Scoring.Features;

/// <summary>One feature: a number, or a category (text level), read from <see cref="LeadFacts"/>.</summary>
internal sealed record FeatureDef(string Name, string Description, Func<LeadFacts, double>? Number = null,
    Func<LeadFacts, string?>? Category = null)
{
    public bool IsCategorical => Category is not null;
}

/// <summary>
/// The feature set, version <see cref="Version"/> (documented in docs/scoring.md). Changing a feature's meaning or
/// order means a new version; each model stores the version and the names it was trained on.
/// </summary>
internal static class FeatureCatalog
{
    public const string Version = "lead-features/1";

    public const string SourceRate = "source_rate";
    public const string AgentRate = "agent_rate";

    public static IReadOnlyList<FeatureDef> All { get; } =
    [
        new("source", "where the lead came from", Category: f => f.Source),
        new("type", "buyer, seller, investor or renter", Category: f => f.Type),
        new("timeline", "when they want to move", Category: f => f.Timeline),
        new("financing", "pre-approved, cash, needs a lender …", Category: f => f.Financing),
        new("has_phone", "left a phone number", f => f.HasPhone ? 1 : 0),
        new("has_email", "left an e-mail address", f => f.HasEmail ? 1 : 0),
        new("minutes_to_first_contact", "minutes from capture to the first call, text, e-mail or meeting", f => f.MinutesToFirstContact ?? double.NaN),
        new("minutes_waiting", "minutes without any contact so far", f => f.MinutesWaiting),
        new("web_visits", "website visits", f => f.WebVisits),
        new("property_views", "listings viewed", f => f.PropertyViews),
        new("engagement", "visits plus listing views", f => f.Engagement),
        new("outbound_touches", "calls, texts and e-mails logged", f => f.OutboundTouches),
        new("meetings", "meetings, showings and offers logged", f => f.Meetings),
        new("price_mid", "middle of the price range", f => f.PriceMid ?? double.NaN),
        new("zip_count", "ZIP codes of interest", f => f.ZipCount),
        new("has_property_address", "gave a property address (sellers)", f => f.HasPropertyAddress ? 1 : 0),
        new("created_hour_utc", "hour of capture (UTC)", f => f.CreatedHourUtc),
        new("created_weekday", "weekday of capture", f => f.CreatedWeekday),
        new(SourceRate, "the source's past conversion rate (out-of-fold in training)", _ => double.NaN),
        new(AgentRate, "the assigned agent's past conversion rate (out-of-fold in training)", _ => double.NaN),
        new("has_agent", "an agent is assigned", f => f.Agent is null ? 0 : 1),
        new("estimated_value", "enrichment: estimated property value", f => f.EstimatedValue ?? double.NaN),
        new("bedrooms", "enrichment: bedrooms", f => f.Bedrooms ?? double.NaN),
        new("credit_band", "enrichment: credit band", Category: f => f.CreditBand),
        new("has_job_title", "enrichment: a job title was found", f => f.HasJobTitle is { } t ? (t ? 1 : 0) : double.NaN),
    ];

    public static int IndexOf(string name)
    {
        for (var i = 0; i < All.Count; i++)
        {
            if (All[i].Name == name)
            {
                return i;
            }
        }

        return -1;
    }
}
