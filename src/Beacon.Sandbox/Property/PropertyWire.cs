using System.Globalization;
using Beacon.Sandbox.Knobs;

namespace Beacon.Sandbox.Property;

/// <summary>ATTOM style: key in the <c>apikey</c> header; every answer, error or not, carries the <c>status</c> block.</summary>
internal sealed class PropertyWire : IProviderWire
{
    public static readonly PropertyWire Instance = new();

    public string Name => SandboxState.Property;

    public string? ReadCredential(HttpRequest request) => request.Headers["apikey"].FirstOrDefault();

    public IResult Error(HttpContext context, FaultKind kind, string message)
    {
        var (status, code, msg) = kind switch
        {
            FaultKind.NotFound => (404, 1, "SuccessWithoutResult"),
            FaultKind.BadRequest => (400, -2, "Invalid Parameter Combination: " + message),
            FaultKind.Unauthorized => (401, 401, "Invalid or missing apikey"),
            FaultKind.RateLimited => (429, 429, "Too Many Requests: " + message),
            FaultKind.Unavailable => (503, 503, "Service Unavailable: " + message),
            _ => (500, 500, "Internal Server Error: " + message),
        };
        return TypedResults.Json(new AttomResponse(Status(context, code, msg, total: 0)), statusCode: status);
    }

    public static AttomStatus Status(HttpContext context, int code, string msg, int total)
    {
        var now = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        return new AttomStatus("1.0.0", code, msg, total, Page: 1, Pagesize: 10,
            now.ToString("yyyy-MM-dd'T'HH:mm:ss.fffK", CultureInfo.InvariantCulture), context.TraceIdentifier);
    }
}
