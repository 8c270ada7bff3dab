using Beacon.Contracts.Identity;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Beacon.Scoring.Insights;

/// <summary>Predictive insights for the people working the leads: how their pipeline scores, and whom to call today.</summary>
internal static class InsightEndpoints
{
    public static void Map(RouteGroupBuilder insights)
    {
        insights.MapGet("/score-distribution", ScoreDistributionEndpoint.GetAsync).RequireAuthorization(Policies.ReadOnly)
            .WithName("GetScoreDistribution").WithSummary("Open leads the caller may see, by 10-point score band and by grade.");
        insights.MapGet("/hot-leads", HotLeadsEndpoint.GetAsync).RequireAuthorization(Policies.Agent)
            .WithName("GetHotLeads").WithSummary("The caller's leads to call today: grade A or B, no call, text, e-mail or meeting recently.");
    }
}
