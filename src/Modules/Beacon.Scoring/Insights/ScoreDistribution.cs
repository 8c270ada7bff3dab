using System.Security.Claims;
using Beacon.Contracts.Leads;
using Beacon.Scoring.Api;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Tenancy;
using Dapper;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Beacon.Scoring.Insights;

/// <param name="From">Lower edge in percent (inclusive).</param>
/// <param name="To">Upper edge in percent (exclusive, except 100).</param>
internal sealed record ScoreBucket(int From, int To, int Count);

internal sealed record GradeCount(string Grade, int Count);

/// <summary>Open scored leads the caller may see: by 10-point probability band and by grade (an override counts as its grade).</summary>
internal sealed record ScoreDistribution(int Leads, int ByModel, int ByRules, IReadOnlyList<ScoreBucket> Buckets, IReadOnlyList<GradeCount> Grades);

/// <summary>How the caller's open leads are scored: the histogram behind "where is my pipeline hot".</summary>
internal static class ScoreDistributionEndpoint
{
    private static readonly string[] GradeNames = ["A", "B", "C", "D"];

    public static async Task<Results<Ok<ScoreDistribution>, StatusCodeHttpResult>> GetAsync(HttpContext http, ClaimsPrincipal user,
        Db db, ILeadRoster roster, CancellationToken ct)
    {
        // The counts are kept per agent (ADR 0033): the caller's scope is a handful of agent ids, the read a few hundred rows.
        var agents = await roster.VisibleAgentIdsAsync(user, ct);
        await using var conn = await db.OpenAsync(user.TenantId(), ct);
        var rows = (await conn.QueryAsync<(int Bucket, string Grade, string Method, int Count)>(new CommandDefinition($"""
            SELECT band, grade, method, sum(leads)::int
              FROM scoring.distribution_cells
             WHERE tenant_id = @tenant {(agents is null ? "" : "AND agent_id = ANY(@agents)")}
             GROUP BY 1, 2, 3
            HAVING sum(leads) <> 0
            """, new { tenant = user.TenantId(), agents = agents?.ToArray() ?? [] }, cancellationToken: ct))).ToList();
        return ETagged.Answer(http, Summarise(rows));
    }

    internal static ScoreDistribution Summarise(IReadOnlyList<(int Bucket, string Grade, string Method, int Count)> rows) => new(
        rows.Sum(r => r.Count),
        rows.Where(r => r.Method == "model").Sum(r => r.Count),
        rows.Where(r => r.Method == "rules").Sum(r => r.Count),
        [.. Enumerable.Range(0, 10).Select(b => new ScoreBucket(b * 10, (b + 1) * 10, rows.Where(r => r.Bucket == b).Sum(r => r.Count)))],
        [.. GradeNames.Select(g => new GradeCount(g, rows.Where(r => r.Grade == g).Sum(r => r.Count)))]);
}
