using System.Security.Claims;
using Beacon.Contracts.Identity;
using Beacon.SharedKernel.Http;
using Beacon.SharedKernel.RateLimits;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Beacon.Server.Hosting.RateLimits;

/// <summary>One scope of the caller's policy as it stands (principal and tenant counters; reading does not count).</summary>
internal sealed record RateLimitScopeStatus(string Scope, string Unit, RateLimitCounter Principal, RateLimitCounter Tenant, bool Shared);

internal sealed record RateLimitPolicyView(IReadOnlyList<RateLimitScopeStatus> Scopes);

/// <summary><c>GET /api/v1/rate-limits</c>: every scope's quotas and what remains of them, for the caller.</summary>
internal static class RateLimitEndpoints
{
    public static void MapRateLimits(this IEndpointRouteBuilder app) =>
        app.MapApiV1("/rate-limits").MapGet("/", ListAsync).RequireAuthorization(Policies.ReadOnly)
            .WithName("GetRateLimits").WithTags("Platform")
            .WithSummary("The caller's rate-limit policy: each scope's quotas (own and tenant's), what remains and when it resets (not counted).");

    private static async Task<Ok<RateLimitPolicyView>> ListAsync(ClaimsPrincipal user, IRateLimitGate gate, CancellationToken ct)
    {
        var subject = RateLimitSubject.Of(user);
        var scopes = new List<RateLimitScopeStatus>();
        foreach (var scope in Enum.GetValues<RateLimitScope>())
        {
            var d = await gate.PeekAsync(scope, subject, ct);
            scopes.Add(new RateLimitScopeStatus(RateLimitFilter.WireName(scope), RateLimitFilter.Describe(scope), d.Principal, d.Tenant, d.Shared));
        }

        return TypedResults.Ok(new RateLimitPolicyView(scopes));
    }
}
