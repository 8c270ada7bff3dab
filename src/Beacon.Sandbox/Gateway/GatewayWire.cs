using System.Text.Json;
using Beacon.Sandbox.Knobs;

namespace Beacon.Sandbox.Gateway;

/// <summary>Stripe style: <c>Authorization: Bearer sk_test_…</c>, snake_case JSON, errors as <c>{"error":{type, code, message, …}}</c>.</summary>
internal sealed class GatewayWire : IProviderWire
{
    public static readonly GatewayWire Instance = new();

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public string Name => SandboxState.Gateway;

    public string? ReadCredential(HttpRequest request)
    {
        var header = request.Headers.Authorization.FirstOrDefault();
        return header is not null && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null;
    }

    public IResult Error(HttpContext context, FaultKind kind, string message)
    {
        var (status, type) = kind switch
        {
            FaultKind.BadRequest => (400, "invalid_request_error"),
            FaultKind.Unauthorized => (401, "invalid_request_error"),
            FaultKind.NotFound => (404, "invalid_request_error"),
            FaultKind.RateLimited => (429, "rate_limit_error"),
            FaultKind.Unavailable => (503, "api_error"),
            _ => (500, "api_error"),
        };
        var text = kind == FaultKind.Unauthorized ? "Invalid API Key provided." : message;
        return Answer(new GatewayAnswer(status, new ErrorBody(new GatewayError(type, text))));
    }

    public static IResult Answer(GatewayAnswer answer) => TypedResults.Json(answer.Body, Json, statusCode: answer.Status);
}

/// <summary>A gateway response before it is written: what an idempotency key replays.</summary>
internal sealed record GatewayAnswer(int Status, object Body);

internal sealed record ErrorBody(GatewayError Error);

internal sealed record GatewayError(string Type, string Message, string? Code = null, string? Param = null, string? DeclineCode = null,
    PaymentIntentObject? PaymentIntent = null)
{
    public string DocUrl => $"https://stripe.com/docs/error-codes/{Code ?? Type}";
}
