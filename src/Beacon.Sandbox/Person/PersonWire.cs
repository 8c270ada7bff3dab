using System.Text.Encodings.Web;
using System.Text.Json;
using Beacon.Sandbox.Knobs;

namespace Beacon.Sandbox.Person;

/// <summary>People Data Labs style: key in <c>X-Api-Key</c>, snake_case bodies, errors as <c>{status, error{type, message}}</c>.</summary>
internal sealed class PersonWire : IProviderWire
{
    public static readonly PersonWire Instance = new();

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        // Keeps "+1916…" readable on the wire; these bodies are never embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public string Name => SandboxState.Person;

    public string? ReadCredential(HttpRequest request) => request.Headers["X-Api-Key"].FirstOrDefault();

    public IResult Error(HttpContext context, FaultKind kind, string message)
    {
        var (status, type) = kind switch
        {
            FaultKind.NotFound => (404, "not_found"),
            FaultKind.BadRequest => (400, "invalid_request_error"),
            FaultKind.Unauthorized => (401, "authentication_error"),
            FaultKind.RateLimited => (429, "rate_limit_error"),
            FaultKind.Unavailable => (503, "service_unavailable"),
            _ => (500, "api_error"),
        };
        return TypedResults.Json(new PdlError(status, new PdlErrorBody(type, message)), Json, statusCode: status);
    }
}

internal sealed record PdlError(int Status, PdlErrorBody Error);

internal sealed record PdlErrorBody(string Type, string Message);
