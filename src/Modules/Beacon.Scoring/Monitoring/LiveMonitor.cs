using Beacon.Learning.Metrics;
using Dapper;
using Npgsql;

namespace Beacon.Scoring.Monitoring;

internal sealed record LiveDecile(double From, double To, int Leads, double MeanScore, double Converted, string Text);

internal sealed record LiveQuality(int Version, int Matured, int Converted, double? RocAuc, IReadOnlyList<LiveDecile> Calibration);

/// <summary>
/// How a version does on outcomes that matured after it scored the lead: live ROC AUC and, per 10-point score
/// band, how many leads converted ("of leads scored 70–80 %, 64 % converted").
/// </summary>
internal static class LiveMonitor
{
    public static async Task<LiveQuality> MeasureAsync(NpgsqlConnection conn, Guid tenant, int version, CancellationToken ct)
    {
        var rows = (await conn.QueryAsync<(bool Converted, double Probability)>(new CommandDefinition("""
            SELECT o.converted, s.probability
              FROM scoring.outcomes o
              JOIN scoring.shadow_scores s ON s.tenant_id = o.tenant_id AND s.lead_id = o.lead_id AND s.model_version = @version
             WHERE o.tenant_id = @tenant AND s.scored_at <= o.decided_at
            """, new { tenant, version }, cancellationToken: ct))).ToList();
        var labels = rows.Select(r => r.Converted ? 1.0 : 0.0).ToArray();
        var probs = rows.Select(r => r.Probability).ToArray();
        var pos = labels.Count(l => l > 0.5);
        double? auc = pos > 0 && pos < labels.Length ? ClassificationMetrics.RocAuc(labels, probs) : null;
        var bins = Reliability.Table(labels, probs, 10).Select(b => new LiveDecile(b.Lower, b.Upper, b.Count, b.MeanPredicted,
            b.ObservedRate, CalibrationWords.Describe(b))).ToList();
        return new LiveQuality(version, labels.Length, pos, auc, bins);
    }
}
