using Beacon.Sandbox.Knobs;

namespace Beacon.Sandbox.Credit;

/// <summary>Bureau style: <c>Authorization: Bearer</c>; errors as <c>{requestId, errors[{code, field, message}]}</c>.</summary>
internal sealed class CreditWire : IProviderWire
{
    public static readonly CreditWire Instance = new();

    public string Name => SandboxState.Credit;

    public string? ReadCredential(HttpRequest request)
    {
        var header = request.Headers.Authorization.FirstOrDefault();
        return header is not null && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null;
    }

    public IResult Error(HttpContext context, FaultKind kind, string message)
    {
        var (status, code) = kind switch
        {
            FaultKind.NotFound => (404, "NOT_FOUND"),
            FaultKind.BadRequest => (400, "VALIDATION_ERROR"),
            FaultKind.Unauthorized => (401, "UNAUTHORIZED"),
            FaultKind.RateLimited => (429, "RATE_LIMITED"),
            FaultKind.Unavailable => (503, "SERVICE_UNAVAILABLE"),
            _ => (500, "INTERNAL_ERROR"),
        };
        if (kind == FaultKind.Unauthorized)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
        }

        return Errors(context, status, [new CreditError(code, null, message)]);
    }

    public static IResult Errors(HttpContext context, int status, IReadOnlyList<CreditError> errors) =>
        TypedResults.Json(new CreditErrorResponse(context.TraceIdentifier, errors), statusCode: status);
}

internal sealed record CreditErrorResponse(string RequestId, IReadOnlyList<CreditError> Errors);

/// <summary>Field is a JSON path into the request ("consent.agreedAt"), null for errors about the whole call.</summary>
internal sealed record CreditError(string Code, string? Field, string Message);
