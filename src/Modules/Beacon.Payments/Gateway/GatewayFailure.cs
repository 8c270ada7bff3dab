using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Stripe;

namespace Beacon.Payments.Gateway;

/// <summary>How a request that needed the gateway answers when the gateway could not be asked or refused us (not a decline).</summary>
internal static class GatewayFailure
{
    public static ProblemHttpResult? Problem(Exception e) => e switch
    {
        GatewayRejectedException rejected => TypedResults.Problem(title: "The payment gateway refused the request.",
            detail: rejected.Message, statusCode: StatusCodes.Status502BadGateway),
        InvalidOperationException { Message: var m } when m.StartsWith("No payment gateway", StringComparison.Ordinal) =>
            TypedResults.Problem(title: "Payments are not configured on this server.", detail: m, statusCode: StatusCodes.Status503ServiceUnavailable),
        StripeException or HttpRequestException or TaskCanceledException => TypedResults.Problem(
            title: "The payment gateway is unavailable; nothing was charged twice. Try again in a moment.",
            statusCode: StatusCodes.Status503ServiceUnavailable),
        _ => null,
    };
}
