using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;

namespace Beacon.SharedKernel.RateLimits;

/// <summary>
/// The REST scope of the policy on every authenticated <c>/api/v1</c> route: headers on every answer, 429 problem
/// details with <c>Retry-After</c> when either the principal's or the tenant's quota is spent.
/// </summary>
public sealed class RateLimitFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.User.Identity?.IsAuthenticated != true)
        {
            return await next(context);
        }

        var gate = http.RequestServices.GetRequiredService<IRateLimitGate>();
        var decision = await gate.AcquireAsync(RateLimitScope.Rest, RateLimitSubject.Of(http.User), http.RequestAborted);
        RateLimitHeaders.Write(http.Response, decision);
        return decision.Allowed ? await next(context) : TooManyRequests(decision);
    }

    /// <summary>The 429 of any scope: which quota is spent and when to retry (write the headers first).</summary>
    public static ProblemHttpResult TooManyRequests(RateLimitDecision decision) => TypedResults.Problem(
        statusCode: StatusCodes.Status429TooManyRequests,
        title: "Too many requests.",
        detail: $"The {decision.Tightest.Name} quota of {decision.Tightest.Quota} {Describe(decision.Scope)} per "
            + $"{RateLimitHeaders.Seconds(decision.Tightest.Window)} s is spent; retry after {RateLimitHeaders.Seconds(decision.ResetAfter)} s.",
        extensions: new Dictionary<string, object?> { ["scope"] = WireName(decision.Scope), ["retryAfterSeconds"] = RateLimitHeaders.Seconds(decision.ResetAfter) });

    public static string Describe(RateLimitScope scope) => scope switch
    {
        RateLimitScope.Rest => "requests",
        RateLimitScope.Socket => "live messages",
        RateLimitScope.Assistant => "assistant requests",
        _ => "imports",
    };

    /// <summary>The scope's name in problem details, configuration and <c>GET /api/v1/rate-limits</c>.</summary>
    public static string WireName(RateLimitScope scope) => scope switch
    {
        RateLimitScope.Rest => "rest",
        RateLimitScope.Socket => "socket",
        RateLimitScope.Assistant => "assistant",
        _ => "import",
    };
}
