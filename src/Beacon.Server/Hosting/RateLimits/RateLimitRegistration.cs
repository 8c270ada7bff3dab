using System.Globalization;
using System.Threading.RateLimiting;
using Beacon.SharedKernel.Http;
using Beacon.SharedKernel.RateLimits;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using StackExchange.Redis;

namespace Beacon.Server.Hosting.RateLimits;

internal static class RateLimitRegistration
{
    public const string RedisSetting = "Beacon:Redis:Configuration";

    public static IServiceCollection AddBeaconRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<RateLimitOptions>(configuration.GetSection(RateLimitOptions.Section));
        services.AddSingleton<LocalRateLimitStore>();
        services.AddSingleton<RateLimitMetrics>();
        services.TryAddSingleton<IRateLimitPlanLookup, NoRateLimitPlans>();
        services.AddSingleton<IRateLimitGate, RateLimitGate>();
        if (configuration[RedisSetting] is { Length: > 0 } redis)
        {
            services.AddSingleton<IConnectionMultiplexer>(_ => Connect(redis));
        }

        // Sign-up, login and refresh have no principal yet: counted per client address by ASP.NET's limiter.
        var auth = configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>()?.AuthPerMinute ?? new RateLimitOptions().AuthPerMinute;
        return services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = WriteProblemAsync;
            o.AddPolicy(RateLimitPolicies.Auth, http => RateLimitPartition.GetTokenBucketLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = Math.Max(1, auth),
                    TokensPerPeriod = Math.Max(1, auth),
                    ReplenishmentPeriod = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                }));
        });
    }

    // Never fails start-up: the multiplexer keeps reconnecting, and the gate counts locally until it is connected.
    // Short timeouts: a request never waits long on a Redis that went away.
    private static ConnectionMultiplexer Connect(string configuration)
    {
        var options = ConfigurationOptions.Parse(configuration);
        options.AbortOnConnectFail = false;
        options.ConnectTimeout = 2_000;
        options.AsyncTimeout = 500;
        options.SyncTimeout = 500;
        options.ClientName = "beacon";
        return ConnectionMultiplexer.Connect(options);
    }

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
