using Beacon.Assistant.Threads;
using Beacon.Contracts.Identity;
using Beacon.SharedKernel.RateLimits;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Beacon.Assistant.Chat;

internal static class ChatSocketEndpoint
{
    // Anonymous at the HTTP level like the live stream (a browser cannot set headers on a WebSocket): the first frame
    // authenticates, and each question counts against the tenant's assistant quota instead of the REST one.
    public static RouteHandlerBuilder Map(RouteGroupBuilder assistant) => assistant.MapGet("/ws", HandleAsync)
        .AllowAnonymous()
        .DisableRateLimiting()
        .WithName("AssistantSocket")
        .WithSummary("WebSocket of the assistant (docs/assistant.md): first frame authenticates; then message, cancel, auth frames.");

    private static async Task<Results<EmptyHttpResult, ProblemHttpResult>> HandleAsync(HttpContext http, IAccessTokenValidator validator,
        IRateLimitGate limits, ThreadStore store, AnswerStreamer streamer, IOptions<AssistantOptions> options, TimeProvider clock)
    {
        if (!http.WebSockets.IsWebSocketRequest)
        {
            return TypedResults.Problem(title: "This is a WebSocket endpoint.",
                detail: "Open a WebSocket and send {\"type\":\"auth\",\"token\":…} first.", statusCode: StatusCodes.Status400BadRequest);
        }

        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        using var session = new ChatSession(socket, validator, limits, store, streamer, options.Value, clock);
        await session.RunAsync(http.RequestAborted);
        return TypedResults.Empty;
    }
}
