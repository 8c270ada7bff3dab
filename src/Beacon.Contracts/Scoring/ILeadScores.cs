namespace Beacon.Contracts.Scoring;

/// <summary>One reason the scorer gave, in a realtor's words; <paramref name="Direction"/> is <c>up</c> or <c>down</c>.</summary>
public sealed record LeadScoreReason(string Text, string Direction);

/// <summary>A lead's served score: the grade shown (an override wins) and the scorer's reasons.</summary>
public sealed record LeadScoreView(Guid LeadId, double Probability, string Grade, bool Overridden, string Method,
    IReadOnlyList<LeadScoreReason> Reasons);

/// <summary>
/// Read access to served scores for other modules (implemented by Scoring; tenant-bound, RLS applies). It does not
/// check who may view a lead: callers pass only ids the Leads module's visibility rule already gave them.
/// </summary>
public interface ILeadScores
{
    Task<IReadOnlyList<LeadScoreView>> GetManyAsync(Guid tenantId, IReadOnlyList<Guid> leadIds, CancellationToken ct);
}
