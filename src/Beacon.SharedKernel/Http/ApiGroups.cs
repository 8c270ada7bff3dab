using Beacon.SharedKernel.Auditing;
using Beacon.SharedKernel.RateLimits;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Beacon.SharedKernel.Http;

/// <summary>
/// The only ways a module maps routes under <c>/api/v1</c>: each group carries its authorization, its rate limit,
/// request validation and the audit trail, so no module can leave one out (an architecture test checks every route for the marker).
/// </summary>
public static class ApiGroups
{
    public const string Prefix = "/api/v1";

    /// <summary>Authenticated API routes: any signed-in principal, the tenant's REST rate limit (<see cref="RateLimitFilter"/>), validated input.</summary>
    public static RouteGroupBuilder MapApiV1(this IEndpointRouteBuilder app, string path = "") =>
        app.MapGroup(Prefix + path)
            .RequireAuthorization()
            .AddEndpointFilter<RateLimitFilter>()
            .WithRequestValidation()
            .WithAuditTrail()
            .WithMetadata(new ApiGroupMetadata(RateLimitPolicies.Api));

    /// <summary>Sign-up, login, refresh: anonymous, the per-address <c>auth</c> rate limit, validated input.</summary>
    public static RouteGroupBuilder MapAuthV1(this IEndpointRouteBuilder app) =>
        app.MapGroup(Prefix + "/auth")
            .AllowAnonymous()
            .RequireRateLimiting(RateLimitPolicies.Auth)
            .WithRequestValidation()
            .WithAuditTrail()
            .WithMetadata(new ApiGroupMetadata(RateLimitPolicies.Auth));
}

/// <summary>Marks a route as mapped through <see cref="ApiGroups"/> (read by the architecture test).</summary>
internal sealed record ApiGroupMetadata(string RateLimitPolicy);
