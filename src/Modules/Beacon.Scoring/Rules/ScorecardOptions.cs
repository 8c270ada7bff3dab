namespace Beacon.Scoring.Rules;

/// <summary>
/// The rule-based scorecard's points (log-odds), configurable under <c>Beacon:Scoring:Scorecard</c>. Keys:
/// <c>source.NAME</c>, <c>type.NAME</c>, <c>timeline.NAME</c>, <c>financing.NAME</c>, <c>phone</c>,
/// <c>contact.fast</c> (first contact within 10 minutes), <c>contact.slow</c> (after an hour),
/// <c>waiting.long</c> (no contact for over an hour), <c>engagement.each</c> (per visit or view, at most 12),
/// <c>meeting.each</c> (per meeting, showing or offer, at most 3). Unknown keys score 0.
/// </summary>
internal sealed class ScorecardOptions
{
    public double Intercept { get; set; } = -3.0;

    public Dictionary<string, double> Points { get; set; } = new(StringComparer.Ordinal)
    {
        ["source.referral"] = 1.0,
        ["source.past_client"] = 1.2,
        ["source.open_house"] = 0.3,
        ["source.facebook"] = -0.6,
        ["source.google_ads"] = -0.3,
        ["source.zillow"] = -0.1,
        ["type.seller"] = 0.3,
        ["type.investor"] = -0.2,
        ["type.renter"] = -0.9,
        ["timeline.asap"] = 0.8,
        ["timeline.0_3_months"] = 0.5,
        ["timeline.6_12_months"] = -0.5,
        ["timeline.12_plus_months"] = -1.0,
        ["timeline.unknown"] = -0.3,
        ["financing.pre_approved"] = 0.7,
        ["financing.cash"] = 0.9,
        ["financing.pre_qualified"] = 0.3,
        ["financing.needs_lender"] = -0.3,
        ["phone"] = 0.3,
        ["contact.fast"] = 0.3,
        ["contact.slow"] = -0.3,
        ["waiting.long"] = -0.3,
        ["engagement.each"] = 0.1,
        ["meeting.each"] = 0.5,
    };
}
