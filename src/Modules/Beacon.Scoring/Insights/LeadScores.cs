using System.Text.Json;
using Beacon.Contracts.Scoring;
using Beacon.Scoring.Features;
using Beacon.SharedKernel.Database;
using Dapper;

namespace Beacon.Scoring.Insights;

/// <summary>Serves <see cref="ILeadScores"/>: the served scores of given leads, as the lead's score page shows them.</summary>
internal sealed class LeadScores(Db db) : ILeadScores
{
    public async Task<IReadOnlyList<LeadScoreView>> GetManyAsync(Guid tenantId, IReadOnlyList<Guid> leadIds, CancellationToken ct)
    {
        if (leadIds.Count == 0)
        {
            return [];
        }

        await using var conn = await db.OpenAsync(tenantId, ct);
        var rows = await conn.QueryAsync<(Guid LeadId, double Probability, string Grade, bool Overridden, string Method, string Reasons)>(
            new CommandDefinition("""
                SELECT lead_id, probability, coalesce(override_grade, grade), override_grade IS NOT NULL, method, reasons::text
                  FROM scoring.scores
                 WHERE tenant_id = @tenantId AND lead_id = ANY(@ids)
                """, new { tenantId, ids = leadIds.ToArray() }, cancellationToken: ct));
        return [.. rows.Select(r => new LeadScoreView(r.LeadId, r.Probability, r.Grade, r.Overridden, r.Method,
            [.. (JsonSerializer.Deserialize<List<ScoreReason>>(r.Reasons, ScoringJson.Options) ?? [])
                .Select(x => new LeadScoreReason(x.Text, x.Direction))]))];
    }
}
