using System.Security.Claims;
using Beacon.Contracts.Identity;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Beacon.Conversions.Reports;

/// <summary>
/// <c>/api/v1/reports/conversions</c>: the dashboard in one answer, each of its tables as CSV, and the leads behind any
/// figure. Every GET carries an ETag and answers <c>If-None-Match</c> with 304.
/// </summary>
internal static class ReportEndpoints
{
    public static void Map(RouteGroupBuilder reports)
    {
        reports.MapGet("/", GetAsync).RequireAuthorization(Policies.ReadOnly).WithName("GetConversionReport")
            .WithSummary("Funnel, breakdowns by source, agent and team, weekly cohorts, time to convert, speed to lead, leaderboard, ROI and attribution for local days [from, to] in tz.");
        reports.MapGet("/export/{table}", ExportAsync).RequireAuthorization(Policies.ReadOnly).WithName("ExportConversionTable")
            .WithSummary("One table of the conversion dashboard as CSV: funnel, sources, agents, teams, cohorts, time-to-convert, speed-to-lead, leaderboard, roi or attribution.");
        reports.MapGet("/leads", DrillDown.GetAsync).RequireAuthorization(Policies.ReadOnly).WithName("ListConversionReportLeads")
            .WithSummary("The leads behind a figure: created in the range (or the cohort week), filtered like the report, optionally by stage reached.");
    }

    private static async Task<Results<Ok<ConversionReport>, StatusCodeHttpResult, ValidationProblem>> GetAsync(
        [AsParameters] ReportQuery q, ClaimsPrincipal user, Db db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var (report, errors) = await ReportReader.ReadAsync(q, user, db, clock.GetUtcNow(), ct);
        if (report is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        return ETags.NotModified(http, ETags.Of(report)) ? ETags.NotModifiedResult() : TypedResults.Ok(report);
    }

    private static async Task<Results<FileContentHttpResult, StatusCodeHttpResult, ValidationProblem>> ExportAsync(string table,
        [AsParameters] ReportQuery q, ClaimsPrincipal user, Db db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        if (!ReportCsv.Tables.Contains(table))
        {
            return ProblemResults.Field("table", $"One of {string.Join(", ", ReportCsv.Tables)}.");
        }

        var (report, errors) = await ReportReader.ReadAsync(q, user, db, clock.GetUtcNow(), ct);
        if (report is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var csv = ReportCsv.Write(table, report);
        return ETags.NotModified(http, ETags.Of(csv))
            ? ETags.NotModifiedResult()
            : TypedResults.File(ReportCsv.Bytes(csv), "text/csv; charset=utf-8", $"conversions-{table}-{report.From:yyyy-MM-dd}-{report.To:yyyy-MM-dd}.csv");
    }
}
