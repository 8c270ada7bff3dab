using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Beacon.Learning.Metrics;
using Beacon.Scoring.Api;
using Beacon.Scoring.Features;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Tenancy;
using Dapper;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Beacon.Scoring.Monitoring;

internal sealed record WeeklyDriftQuery([property: Range(1, 26)] int? Weeks);

/// <param name="Week">The Monday (UTC) the week starts.</param>
/// <param name="Leads">Leads whose latest score by this version fell in the week (at most 5,000 measured).</param>
internal sealed record DriftWeek(string Week, int Leads, double? ScorePsi, IReadOnlyDictionary<string, double> FeaturePsi);

internal sealed record WeeklyDriftReport(int Version, double Threshold, IReadOnlyList<DriftWeek> Weeks);

/// <summary>
/// Drift of inputs and of scores week by week: PSI of each feature against the version's training rows and of the
/// served score against its hold-out scores. A lead counts once, in the week of its latest score by the version.
/// </summary>
internal static class WeeklyDriftEndpoint
{
    private const int SamplePerWeek = 5_000;

    public static async Task<Results<Ok<WeeklyDriftReport>, NotFound, StatusCodeHttpResult>> GetAsync(int version,
        [AsParameters] WeeklyDriftQuery query, HttpContext http, ClaimsPrincipal user, Db db, IOptions<ScoringOptions> options,
        TimeProvider clock, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(user.TenantId(), ct);
        var model = await conn.QuerySingleOrDefaultAsync<(string Pipeline, string Calibration)?>(new CommandDefinition("""
            SELECT pipeline::text, calibration::text FROM scoring.models WHERE tenant_id = @tenant AND version = @version AND model IS NOT NULL
            """, new { tenant = user.TenantId(), version }, cancellationToken: ct));
        if (model is not { } m)
        {
            return TypedResults.NotFound();
        }

        var pipeline = JsonSerializer.Deserialize<FeaturePipeline>(m.Pipeline, ScoringJson.Options)!;
        var baseline = ScorePsi.BaselineShares(JsonSerializer.Deserialize<List<ReliabilityBin>>(m.Calibration, ScoringJson.Options) ?? []);
        var weeks = query.Weeks ?? 8;
        var since = clock.GetUtcNow().UtcDateTime.Date.AddDays(-7 * weeks);
        // Bounded work: at most SamplePerWeek leads a week, picked by a hash of the lead id (a fixed pseudo-random sample).
        var rows = await conn.QueryAsync<(DateTime Week, double Probability, double[] Features)>(new CommandDefinition("""
            SELECT week, probability, features FROM (
                SELECT date_trunc('week', scored_at AT TIME ZONE 'UTC') AS week, probability, features,
                       row_number() OVER (PARTITION BY date_trunc('week', scored_at AT TIME ZONE 'UTC') ORDER BY hashtext(lead_id::text)) AS n
                  FROM scoring.scores
                 WHERE tenant_id = @tenant AND model_version = @version AND features IS NOT NULL AND scored_at >= @since) s
             WHERE n <= @sample
            """, new { tenant = user.TenantId(), version, since = new DateTimeOffset(since, TimeSpan.Zero), sample = SamplePerWeek },
            cancellationToken: ct));
        var result = rows.GroupBy(r => r.Week).OrderBy(g => g.Key).Select(g =>
        {
            var features = new Dictionary<string, double>(StringComparer.Ordinal);
            for (var f = 0; f < pipeline.Features.Count; f++)
            {
                if (pipeline.Baseline.TryGetValue(pipeline.Features[f], out var b))
                {
                    features[pipeline.Features[f]] = Math.Round(b.Psi([.. g.Select(r => r.Features[f])]), 4);
                }
            }

            double? scorePsi = baseline.Sum() > 0 ? Math.Round(ScorePsi.Psi(baseline, [.. g.Select(r => r.Probability)]), 4) : null;
            return new DriftWeek(g.Key.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), g.Count(), scorePsi, features);
        }).ToList();
        var report = new WeeklyDriftReport(version, options.Value.DriftThreshold, result);
        return ETagged.NotModified(http, report) ? TypedResults.StatusCode(StatusCodes.Status304NotModified) : TypedResults.Ok(report);
    }
}
