using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace Beacon.Identity.Authentication;

/// <summary>401 and 403 as problem details, the same for both schemes; a failed token's reason in a few words.</summary>
internal static class AuthProblems
{
    public static async Task ChallengeAsync(HttpContext http, Exception? failure)
    {
        http.Response.StatusCode = StatusCodes.Status401Unauthorized;
        // RFC 6750 §3: an error code only when a credential was sent and refused.
        http.Response.Headers.WWWAuthenticate = failure is null ? "Bearer" : "Bearer error=\"invalid_token\"";
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails =
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = "Authentication is required.",
                Detail = Describe(failure),
            },
        });
    }

    public static async Task ForbiddenAsync(HttpContext http)
    {
        http.Response.StatusCode = StatusCodes.Status403Forbidden;
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = { Status = StatusCodes.Status403Forbidden, Title = "Your role does not allow this." },
        });
    }

    // IdentityModel's messages are long and name internals; the caller needs the reason, not the library's log line.
    // Subclasses come before the classes they derive from.
    private static string Describe(Exception? failure) => failure switch
    {
        null => "No access token or API key was sent.",
        SecurityTokenMalformedException or ArgumentException => "malformed token",
        SecurityTokenInvalidAlgorithmException => "unsupported algorithm",
        SecurityTokenSignatureKeyNotFoundException => "unknown signing key",
        SecurityTokenInvalidSignatureException => "bad signature",
        SecurityTokenInvalidIssuerException => "wrong issuer",
        SecurityTokenInvalidAudienceException => "wrong audience",
        SecurityTokenNoExpirationException => "no expiry",
        SecurityTokenExpiredException => "expired",
        SecurityTokenNotYetValidException => "not yet valid",
        SecurityTokenException => "invalid token",
        _ => failure.Message,
    };
}
