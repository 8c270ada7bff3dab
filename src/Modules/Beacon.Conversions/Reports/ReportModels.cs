namespace Beacon.Conversions.Reports;

/// <summary>
/// The conversion dashboard for local days [From, To] in TimeZone, over the leads the caller may see. Lead counts are
/// of leads created in the range (a cohort); time to convert and attribution are of leads converted in the range;
/// the leaderboard's deals are those closed (close date) in the range. Money is integer cents.
/// </summary>
internal sealed record ConversionReport(
    DateOnly From,
    DateOnly To,
    string TimeZone,
    IReadOnlyList<FunnelStep> Funnel,
    IReadOnlyList<Breakdown> BySource,
    IReadOnlyList<Breakdown> ByAgent,
    IReadOnlyList<Breakdown> ByTeam,
    IReadOnlyList<CohortWeek> Cohorts,
    TimeToConvert TimeToConvert,
    SpeedToLead SpeedToLead,
    IReadOnlyList<LeaderboardRow> Leaderboard,
    IReadOnlyList<SourceRoi> Roi,
    IReadOnlyList<AttributionRow> Attribution);

/// <summary>Leads that reached <see cref="Stage"/> (or beyond); <see cref="Rate"/> = this step ÷ the step before (null first / 0 before).</summary>
internal sealed record FunnelStep(string Stage, long Leads, double? Rate);

/// <summary>One source, agent or team: leads created, of them converted (reached closed), and the rate.</summary>
internal sealed record Breakdown(string Key, string Name, long Leads, long Converted, double Rate);

/// <summary>Leads created in the local week starting Monday <see cref="Week"/>, and how many reached each funnel stage.</summary>
internal sealed record CohortWeek(DateOnly Week, long Leads, IReadOnlyList<long> Reached);

/// <summary>Days from a lead's creation to its conversion, for the leads converted in the range.</summary>
internal sealed record TimeToConvert(long Converted, double? MedianDays, double? P75Days, double? P90Days);

/// <summary>Minutes from creation to the first human touch, for leads created in the range.</summary>
internal sealed record SpeedToLead(long Leads, long Touched, double? MedianMinutes, IReadOnlyList<SpeedBucket> Buckets);

internal sealed record SpeedBucket(string Label, long Leads);

/// <summary>An agent's closed deals in the range (per currency), with their leads' conversion.</summary>
internal sealed record LeaderboardRow(Guid AgentId, string Name, long ClosedDeals, long VolumeCents, long CommissionCents,
    string Currency, long Leads, long Converted, double Rate);

/// <summary>
/// A source's spend in the months the range touches against the commission of its leads' deals closed in the range.
/// <see cref="Roi"/> = (commission − spend) ÷ spend; null without spend.
/// </summary>
internal sealed record SourceRoi(string Source, long SpendCents, long Leads, long Converted, long CommissionCents,
    long? CostPerLeadCents, long? CostPerConversionCents, double? Roi);

/// <summary>Conversions credited to a source: all to the first touch, all to the last, or split evenly over every touch.</summary>
internal sealed record AttributionRow(string Source, long First, long Last, double Linear);

/// <summary>One lead behind a figure (drill-down), linking to its detail page.</summary>
internal sealed record DrillLead(Guid LeadId, string Name, string Source, string Stage, Guid? AgentId, DateTimeOffset CreatedAt);

internal sealed record DrillPage(IReadOnlyList<DrillLead> Items, long Total, int Offset, int Limit);
