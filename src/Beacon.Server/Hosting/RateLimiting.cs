using System.Globalization;
using System.Threading.RateLimiting;
using Beacon.SharedKernel.Http;
using Beacon.SharedKernel.Tenancy;
using Microsoft.AspNetCore.RateLimiting;

namespace Beacon.Server.Hosting;

internal sealed class RateLimitOptions
{
    public const string Section = "Beacon:RateLimits";

    /// <summary>Sign-up/login/refresh calls per client address per minute.</summary>
    public int AuthPerMinute { get; set; } = 30;

    /// <summary>Sustained API calls per second per principal (user or API key), with a burst of ten seconds' worth.</summary>
    public int ApiPerSecond { get; set; } = 50;
}

internal static class RateLimiting
{
    public static IServiceCollection AddBeaconRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var limits = configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        return services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = WriteProblemAsync;
            o.AddPolicy(RateLimitPolicies.Auth, http => RateLimitPartition.GetTokenBucketLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => Bucket(limits.AuthPerMinute, TimeSpan.FromMinutes(1), limits.AuthPerMinute)));
            o.AddPolicy(RateLimitPolicies.Api, http => RateLimitPartition.GetTokenBucketLimiter(
                PrincipalKey(http),
                _ => Bucket(limits.ApiPerSecond, TimeSpan.FromSeconds(1), limits.ApiPerSecond * 10)));
        });
    }

    private static TokenBucketRateLimiterOptions Bucket(int perPeriod, TimeSpan period, int burst) => new()
    {
        TokenLimit = Math.Max(1, burst),
        TokensPerPeriod = Math.Max(1, perPeriod),
        ReplenishmentPeriod = period,
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    private static string PrincipalKey(HttpContext http) =>
        http.User.Identity?.IsAuthenticated == true
            ? http.User.FindFirst(ClaimNames.ApiKeyId)?.Value ?? $"{http.User.TenantId()}:{http.User.UserId()}"
            : http.Connection.RemoteIpAddress?.ToString() ?? "anonymous";

    private static async ValueTask WriteProblemAsync(OnRejectedContext context, CancellationToken ct)
    {
        var http = context.HttpContext;
        var retry = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(1);
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = { Status = 429, Title = "Too many requests.", Detail = "Slow down and retry after the Retry-After delay." },
        });
    }
}
