using System.Security.Claims;
using Beacon.Contracts.Identity;
using Beacon.SharedKernel.Database;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Beacon.Leads.Stats;

/// <summary><c>GET /api/v1/leads/stats</c>: the dashboard's figures in one call, over the leads the caller may see.</summary>
internal static class LeadStatsEndpoint
{
    public static void Map(RouteGroupBuilder leads) =>
        leads.MapGet("/stats", GetAsync).RequireAuthorization(Policies.ReadOnly)
            .WithName("GetLeadStats")
            .WithSummary("Counts of the visible leads created in [from, to) (default: the last 7 days): total, today, still new, per local day in tz, per stage, per source.");

    private static async Task<Results<Ok<LeadStats>, ValidationProblem>> GetAsync([AsParameters] StatsQuery q, ClaimsPrincipal user,
        Db db, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var range = StatsRange.Parse(q, now, out var errors);
        if (range is null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        return TypedResults.Ok(await StatsReader.ReadAsync(db, user, range, now, ct));
    }
}
