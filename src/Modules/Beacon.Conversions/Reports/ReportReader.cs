using System.Security.Claims;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Tenancy;

namespace Beacon.Conversions.Reports;

/// <summary>Builds the whole dashboard on one connection: the cells once, then the figures that need lead or deal rows.</summary>
internal static class ReportReader
{
    public static async Task<(ConversionReport? Report, Dictionary<string, string[]> Errors)> ReadAsync(ReportQuery q, ClaimsPrincipal user,
        Db db, DateTimeOffset now, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(user.TenantId(), ct);
        var (filter, errors) = await ReportFilter.ParseAsync(q, user, conn, now, ct);
        if (filter is null)
        {
            return (null, errors);
        }

        var agents = filter.Agents;
        var funnel = await FunnelReader.ReadAsync(conn, filter, agents, ct);
        var range = filter.Range;
        return (new ConversionReport(range.FromDate, range.ToDate, range.Zone.Id, funnel.Funnel, funnel.BySource, funnel.ByAgent,
            funnel.ByTeam, funnel.Cohorts,
            await TimingReader.TimeToConvertAsync(conn, filter, ct),
            await TimingReader.SpeedToLeadAsync(conn, filter, funnel.Funnel[0].Leads, ct),
            await DealFigures.LeaderboardAsync(conn, filter, funnel, agents, ct),
            await DealFigures.RoiAsync(conn, filter, funnel, ct),
            await TimingReader.AttributionAsync(conn, filter, ct)), errors);
    }
}
