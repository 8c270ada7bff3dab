using System.Text.Json;
using Beacon.Contracts.Scoring;
using Beacon.Scoring.Features;
using Beacon.SharedKernel.Database;
using Dapper;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Beacon.Scoring.Monitoring;

internal sealed record DriftReport(int Version, int LiveLeads, double Threshold, IReadOnlyDictionary<string, double> Psi,
    IReadOnlyList<string> Drifted);

/// <summary>
/// Population stability index of each feature: the last 30 days of leads served by a version against that
/// version's training rows. Above the threshold, <c>scoring.drift_detected</c> is published.
/// </summary>
internal sealed class DriftMonitor(IOptions<ScoringOptions> options, TimeProvider clock)
{
    public async Task<DriftReport?> MeasureAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, Guid tenant, int version,
        CancellationToken ct)
    {
        var pipelineJson = await conn.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "SELECT pipeline::text FROM scoring.models WHERE tenant_id = @tenant AND version = @version AND model IS NOT NULL",
            new { tenant, version }, tx, cancellationToken: ct));
        if (pipelineJson is null)
        {
            return null;
        }

        var pipeline = JsonSerializer.Deserialize<FeaturePipeline>(pipelineJson, ScoringJson.Options)!;
        var live = (await conn.QueryAsync<double[]>(new CommandDefinition("""
            SELECT features FROM scoring.scores
             WHERE tenant_id = @tenant AND model_version = @version AND features IS NOT NULL AND scored_at >= @since
            """, new { tenant, version, since = clock.GetUtcNow().AddDays(-30) }, tx, cancellationToken: ct))).ToList();
        var psi = new Dictionary<string, double>(StringComparer.Ordinal);
        if (live.Count > 0)
        {
            for (var f = 0; f < pipeline.Features.Count; f++)
            {
                if (pipeline.Baseline.TryGetValue(pipeline.Features[f], out var baseline))
                {
                    psi[pipeline.Features[f]] = Math.Round(baseline.Psi([.. live.Select(v => v[f])]), 4);
                }
            }
        }

        var threshold = options.Value.DriftThreshold;
        return new DriftReport(version, live.Count, threshold, psi, [.. psi.Where(p => p.Value > threshold).Select(p => p.Key)]);
    }

    /// <summary>Measures the champion and publishes the drift event when a feature is over the threshold.</summary>
    public async Task CheckAsync(TenantTransaction tx, int champion, CancellationToken ct)
    {
        if (await MeasureAsync(tx.Connection, tx.Transaction, tx.TenantId, champion, ct) is { Drifted.Count: > 0, LiveLeads: >= 100 } report)
        {
            tx.Publish(new ModelDriftDetected(Guid.CreateVersion7(), tx.TenantId, clock.GetUtcNow(), champion,
                report.Drifted.ToDictionary(d => d, d => report.Psi[d]), report.Threshold));
        }
    }
}
