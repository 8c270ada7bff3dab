namespace Beacon.Leads.Stats;

/// <summary>
/// The answer of <c>GET /api/v1/leads/stats</c>: counts of the leads the caller may see that were created in
/// [<see cref="From"/>, <see cref="To"/>), bucketed by local day in <see cref="TimeZone"/>.
/// </summary>
/// <param name="CreatedToday">Of those, created on today's date in <see cref="TimeZone"/> (0 when today is outside the range).</param>
/// <param name="StillNew">Of those, still in stage <c>new</c> (nobody has moved them on yet).</param>
/// <param name="ByDay">Every local day the range touches, oldest first, days without leads included as 0.</param>
/// <param name="ByStage">Stages with at least one lead, in pipeline order.</param>
/// <param name="BySource">Sources with at least one lead, most leads first.</param>
internal sealed record LeadStats(
    DateTimeOffset From,
    DateTimeOffset To,
    string TimeZone,
    long Total,
    long CreatedToday,
    long StillNew,
    IReadOnlyList<DayCount> ByDay,
    IReadOnlyList<StageCount> ByStage,
    IReadOnlyList<SourceCount> BySource);

internal sealed record DayCount(DateOnly Day, long Count);

internal sealed record StageCount(string Stage, long Count);

internal sealed record SourceCount(string Source, long Count);
