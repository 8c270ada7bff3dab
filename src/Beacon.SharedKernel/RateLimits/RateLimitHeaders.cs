using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Beacon.SharedKernel.RateLimits;

/// <summary>
/// The IETF RateLimit header fields (draft-ietf-httpapi-ratelimit-headers): <c>RateLimit-Policy</c> names each quota
/// and window, <c>RateLimit</c> what remains of each and when it resets; <c>Retry-After</c> on a refusal.
/// </summary>
public static class RateLimitHeaders
{
    public static void Write(HttpResponse response, RateLimitDecision decision)
    {
        response.Headers["RateLimit-Policy"] = $"{Policy(decision.Principal)}, {Policy(decision.Tenant)}";
        response.Headers["RateLimit"] = $"{Remaining(decision.Principal)}, {Remaining(decision.Tenant)}";
        if (!decision.Allowed)
        {
            response.Headers.RetryAfter = Seconds(decision.ResetAfter).ToString(CultureInfo.InvariantCulture);
        }
    }

    public static int Seconds(TimeSpan span) => Math.Max(1, (int)Math.Ceiling(span.TotalSeconds));

    private static string Policy(RateLimitCounter c) =>
        string.Create(CultureInfo.InvariantCulture, $"\"{c.Name}\";q={c.Quota};w={Seconds(c.Window)}");

    private static string Remaining(RateLimitCounter c) =>
        string.Create(CultureInfo.InvariantCulture, $"\"{c.Name}\";r={c.Remaining};t={Seconds(c.ResetAfter)}");
}
