namespace Beacon.Scoring.Features;

/// <summary>
/// What is known of a lead at one moment, in domain terms: the model's features, the scorecard's inputs and the
/// reasons' wording all come from here. Counts only cover activity up to the as-of time and the horizon.
/// </summary>
internal sealed record LeadFacts
{
    public required string Source { get; init; }

    public required string Type { get; init; }

    public string? Timeline { get; init; }

    public string? Financing { get; init; }

    public bool HasPhone { get; init; }

    public bool HasEmail { get; init; }

    /// <summary>Minutes from capture to the first call, text, e-mail or meeting; null when nobody has reached out yet.</summary>
    public double? MinutesToFirstContact { get; init; }

    /// <summary>Minutes the lead has waited without contact (0 once contacted).</summary>
    public double MinutesWaiting { get; init; }

    public int WebVisits { get; init; }

    public int PropertyViews { get; init; }

    public int OutboundTouches { get; init; }

    /// <summary>Meetings, showings and offers logged.</summary>
    public int Meetings { get; init; }

    public double? PriceMid { get; init; }

    public int ZipCount { get; init; }

    public bool HasPropertyAddress { get; init; }

    public int CreatedHourUtc { get; init; }

    public int CreatedWeekday { get; init; }

    public Guid? Agent { get; init; }

    public double? EstimatedValue { get; init; }

    public double? Bedrooms { get; init; }

    public string? CreditBand { get; init; }

    public bool? HasJobTitle { get; init; }

    public bool EnrichmentPending { get; init; }

    public int Engagement => WebVisits + PropertyViews;
}
