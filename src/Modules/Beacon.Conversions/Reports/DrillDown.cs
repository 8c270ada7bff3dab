using System.Security.Claims;
using Beacon.Contracts.Leads;
using Beacon.Conversions.Projection;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Tenancy;
using Dapper;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Beacon.Conversions.Reports;

/// <summary>The drill-down's own filters on top of the report's: a stage reached, a cohort week, a page.</summary>
internal sealed record DrillQuery(string? Stage, string? Week, int? Offset, int? Limit);

/// <summary>
/// Any bar's leads: the same range, filters and scope as the report, plus the stage the bar counts (reached = got to
/// it or beyond) or the cohort week. Names come from Leads (this module keeps none), after our connection is closed.
/// </summary>
internal static class DrillDown
{
    public static async Task<Results<Ok<DrillPage>, StatusCodeHttpResult, ValidationProblem>> GetAsync([AsParameters] ReportQuery q,
        [AsParameters] DrillQuery d, ClaimsPrincipal user, Db db, ILeadSnapshots leads, TimeProvider clock, HttpContext http,
        CancellationToken ct)
    {
        var (filter, errors) = await ParseAsync(q, d, user, db, clock.GetUtcNow(), ct);
        if (filter is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var (limit, offset) = (d.Limit ?? 50, d.Offset ?? 0);
        var p = filter.Parameters;
        p.Add("rank", d.Stage is null ? (short)0 : Pipeline.Rank(d.Stage));
        p.Add("limit", limit);
        p.Add("offset", offset);
        var week = d.Week is null ? (DateOnly?)null : DateOnly.Parse(d.Week, System.Globalization.CultureInfo.InvariantCulture);
        p.Add("weekStart", week?.ToDateTime(TimeOnly.MinValue));
        List<(Guid LeadId, string Source, string Stage, Guid? AgentId, DateTimeOffset CreatedAt, long Total)> rows;
        await using (var conn = await db.OpenAsync(user.TenantId(), ct))
        {
            rows = [.. await conn.QueryAsync<(Guid, string, string, Guid?, DateTimeOffset, long)>(new CommandDefinition($"""
                SELECT f.lead_id, f.source, f.stage, f.agent_id, f.created_at, count(*) OVER () AS total
                  FROM conversions.lead_facts f
                 WHERE f.tenant_id = @tenant AND f.created_at >= @fromUtc AND f.created_at < @toUtc AND f.furthest >= @rank
                   AND (@weekStart::timestamp IS NULL OR (f.created_at AT TIME ZONE @tz >= @weekStart
                                                          AND f.created_at AT TIME ZONE @tz < @weekStart + interval '7 days'))
                   AND {filter.Over("f")}
                 ORDER BY f.created_at DESC, f.lead_id
                 LIMIT @limit OFFSET @offset
                """, p, cancellationToken: ct))];
        }

        var names = (await leads.GetManyAsync(user.TenantId(), [.. rows.Select(r => r.LeadId)], 0, ct))
            .ToDictionary(l => l.LeadId, l => $"{l.FirstName} {l.LastName}".Trim() is { Length: > 0 } n ? n : (l.Emails is [var first, ..] ? first : "(no name)"));
        var page = new DrillPage([.. rows.Select(r => new DrillLead(r.LeadId, names.GetValueOrDefault(r.LeadId, "(deleted)"), r.Source,
            r.Stage, r.AgentId, r.CreatedAt))], rows.Count > 0 ? rows[0].Total : 0, offset, limit);
        return ETags.NotModified(http, ETags.Of(page)) ? ETags.NotModifiedResult() : TypedResults.Ok(page);
    }

    private static async Task<(ReportFilter? Filter, Dictionary<string, string[]> Errors)> ParseAsync(ReportQuery q, DrillQuery d,
        ClaimsPrincipal user, Db db, DateTimeOffset now, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (d.Stage is not null && !Pipeline.IsStage(d.Stage))
        {
            errors["stage"] = [$"One of {string.Join(", ", Pipeline.Stages)}."];
        }

        if (d.Week is not null && !(DateOnly.TryParseExact(d.Week, "yyyy-MM-dd", out var w) && w.DayOfWeek == DayOfWeek.Monday))
        {
            errors["week"] = ["A Monday as YYYY-MM-DD (a cohort's first day)."];
        }

        if (d.Limit is < 1 or > 200)
        {
            errors["limit"] = ["From 1 to 200."];
        }

        if (d.Offset is < 0 or > 100_000)
        {
            errors["offset"] = ["From 0 to 100000."];
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        await using var conn = await db.OpenAsync(user.TenantId(), ct);
        return await ReportFilter.ParseAsync(q, user, conn, now, ct);
    }
}
