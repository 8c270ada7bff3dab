using Beacon.SharedKernel.Tenancy;

namespace Beacon.Server.Hosting;

internal static class RequestLogScope
{
    /// <summary>Every log line of a request carries its id, tenant and user (JSON console with scopes).</summary>
    public static IApplicationBuilder UseRequestLogScope(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Beacon.Request");
        var scope = new Dictionary<string, object?> { ["RequestId"] = http.TraceIdentifier };
        if (http.User.Identity?.IsAuthenticated == true)
        {
            scope["TenantId"] = http.User.FindFirst(ClaimNames.Tenant)?.Value;
            scope["UserId"] = http.User.FindFirst(ClaimNames.Subject)?.Value;
        }

        using (logger.BeginScope(scope))
        {
            await next(http);
        }
    });
}
