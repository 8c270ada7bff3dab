using Beacon.Learning.Metrics;
using Beacon.SharedKernel.Database;
using Dapper;
using Microsoft.Extensions.Options;

namespace Beacon.Scoring.Registry;

/// <summary>The evidence for a promotion: both versions' shadow scores on leads whose outcome matured after them.</summary>
internal sealed record ChallengerEvidence(int Champion, int Challenger, DeLong.Comparison? Comparison, bool Beats, string Summary);

/// <summary>
/// Applies the pre-registered promotion rule: the challenger is promoted when the one-sided (1 − α) DeLong lower
/// bound of AUC(challenger) − AUC(champion) is above zero, with enough matured outcomes on both sides.
/// </summary>
internal sealed class ChallengerEvaluation(IOptions<ScoringOptions> options)
{
    public async Task<ChallengerEvidence?> EvaluateAsync(TenantTransaction tx, CancellationToken ct)
    {
        var champion = await ModelStore.VersionWithStatusAsync(tx, "champion", ct);
        var challenger = await ModelStore.VersionWithStatusAsync(tx, "challenger", ct);
        if (champion is not { } a || challenger is not { } b)
        {
            return null;
        }

        var rows = (await tx.Connection.QueryAsync<(bool Converted, double Champion, double Challenger)>(new CommandDefinition("""
            SELECT o.converted, a.probability, b.probability
              FROM scoring.outcomes o
              JOIN scoring.shadow_scores a ON a.tenant_id = o.tenant_id AND a.lead_id = o.lead_id AND a.model_version = @a
              JOIN scoring.shadow_scores b ON b.tenant_id = o.tenant_id AND b.lead_id = o.lead_id AND b.model_version = @b
             WHERE o.tenant_id = @tenant AND a.scored_at <= o.decided_at AND b.scored_at <= o.decided_at
            """, new { tenant = tx.TenantId, a, b }, tx.Transaction, cancellationToken: ct))).ToList();
        var o = options.Value;
        var labels = rows.Select(r => r.Converted ? 1.0 : 0.0).ToArray();
        var pos = labels.Count(l => l > 0.5);
        var neg = labels.Length - pos;
        if (pos < o.PromotionMinPositives || neg < o.PromotionMinPositives)
        {
            return new ChallengerEvidence(a, b, null, false,
                $"Not enough matured outcomes scored by both: {pos} converted and {neg} lost (need {o.PromotionMinPositives} each).");
        }

        var c = DeLong.Compare(labels, [.. rows.Select(r => r.Champion)], [.. rows.Select(r => r.Challenger)], o.PromotionAlpha);
        var beats = c.LowerBound > 0;
        return new ChallengerEvidence(a, b, c, beats,
            $"AUC v{b} {c.AucB:0.0000} vs v{a} {c.AucA:0.0000}: difference {c.Difference:+0.0000;-0.0000}, one-sided {(1 - o.PromotionAlpha) * 100:0} % lower bound {c.LowerBound:+0.0000;-0.0000} on {pos} converted and {neg} lost leads.");
    }
}
