using Beacon.Contracts.Identity;
using Beacon.Realtime.Stream;
using Beacon.SharedKernel.RateLimits;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Beacon.Realtime.Socket;

internal static class LiveSocketEndpoint
{
    // Anonymous at the HTTP level (the first message authenticates), so no REST call is counted for it: once
    // authenticated, each message counts against the tenant's socket quota, and a connection has a flood guard too.
    public static RouteHandlerBuilder Map(IEndpointRouteBuilder api) => api.MapGet("/live", HandleAsync)
        .AllowAnonymous()
        .DisableRateLimiting()
        .WithTags("Live")
        .WithName("LiveSocket")
        .WithSummary("WebSocket of the tenant's events (ADR 0005): first message authenticates; resume with ?after=<cursor>.");

    private static async Task<Results<EmptyHttpResult, ProblemHttpResult>> HandleAsync(
        HttpContext http, long? after, LiveHub hub, IAccessTokenValidator validator, IOptions<LiveOptions> options,
        TimeProvider clock, IRateLimitGate limits)
    {
        if (!http.WebSockets.IsWebSocketRequest)
        {
            return TypedResults.Problem(title: "This is a WebSocket endpoint.",
                detail: "Open a WebSocket, or long-poll GET /api/v1/live/events.", statusCode: StatusCodes.Status400BadRequest);
        }

        if (!OriginPolicy.Allows(http.Request, options.Value.AllowedOrigins))
        {
            return TypedResults.Problem(title: "This origin may not open the live stream.", statusCode: StatusCodes.Status403Forbidden);
        }

        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        using var session = new LiveSession(socket, hub, validator, options.Value, clock, limits);
        await session.RunAsync(after, http.RequestAborted);
        return TypedResults.Empty;
    }
}
