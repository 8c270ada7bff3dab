using System.Text;
using System.Text.Json;
using Beacon.Sandbox.Knobs;

namespace Beacon.Sandbox.Sms;

/// <summary>
/// Twilio style: HTTP Basic <c>AccountSid:AuthToken</c> (the knob <c>ApiKey</c> holds both, <c>ACsandbox:sandbox-sms-token</c>),
/// snake_case JSON, errors as <c>{code, message, more_info, status}</c> with Twilio's error codes.
/// </summary>
internal sealed class SmsWire : IProviderWire
{
    public static readonly SmsWire Instance = new();

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public string Name => SandboxState.Sms;

    public string? ReadCredential(HttpRequest request)
    {
        var header = request.Headers.Authorization.FirstOrDefault();
        if (header is null || !header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    public IResult Error(HttpContext context, FaultKind kind, string message)
    {
        var (status, code) = kind switch
        {
            FaultKind.BadRequest => (400, 21_602),
            FaultKind.Unauthorized => (401, 20_003),
            FaultKind.NotFound => (404, 20_404),
            FaultKind.RateLimited => (429, 20_429),
            FaultKind.Unavailable => (503, 20_503),
            _ => (500, 20_500),
        };
        return Answer(status, new SmsError(code, kind == FaultKind.Unauthorized ? "Authenticate" : message, status));
    }

    public static string AccountOf(SandboxState state) => state.Provider(SandboxState.Sms).Knobs.ApiKey.Split(':')[0];

    /// <summary>The auth token callbacks are signed with (the knob <c>ApiKey</c> after the colon).</summary>
    public static string TokenOf(SandboxState state) => state.Provider(SandboxState.Sms).Knobs.ApiKey.Split(':', 2) is [_, var token] ? token : "";

    public static IResult Answer(int status, object body) => TypedResults.Json(body, Json, statusCode: status);
}

internal sealed record SmsError(int Code, string Message, int Status)
{
    public string MoreInfo => $"https://www.twilio.com/docs/errors/{Code}";
}
