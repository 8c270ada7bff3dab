using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;

namespace Beacon.Server.Hosting;

/// <summary>
/// One line per request: method, route template, status, milliseconds and trace id. Never the path's values, the
/// query, headers or bodies: a template cannot carry a token, an e-mail or a lead's id.
/// </summary>
internal static partial class RequestLog
{
    public const string Category = "Beacon.Request";

    /// <summary>Outermost, so it sees the status every later middleware (limits, exception handler) answers with.</summary>
    public static IApplicationBuilder UseRequestLog(this IApplicationBuilder app)
    {
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(Category);
        return app.Use(async (http, next) =>
        {
            if (!logger.IsEnabled(LogLevel.Information))
            {
                await next(http);
                return;
            }

            var started = Stopwatch.GetTimestamp();
            var trace = Activity.Current?.TraceId.ToString() ?? http.TraceIdentifier;
            var status = 0;
            try
            {
                await next(http);
                status = http.Response.StatusCode;
            }
            catch
            {
                status = StatusCodes.Status500InternalServerError;
                throw;
            }
            finally
            {
                LogRequest(logger, http.Request.Method, RouteOf(http), status,
                    Stopwatch.GetElapsedTime(started).TotalMilliseconds, trace);
            }
        });
    }

    // The exception handler clears the endpoint before it re-executes; the failed request's route is in its feature.
    private static string RouteOf(HttpContext http) =>
        (http.GetEndpoint() ?? http.Features.Get<IExceptionHandlerFeature>()?.Endpoint) is RouteEndpoint route
            ? route.RoutePattern.RawText ?? "-"
            : "-";

    [LoggerMessage(1, LogLevel.Information, "{Method} {Route} {StatusCode} in {ElapsedMs:0.0} ms (trace {TraceId})")]
    private static partial void LogRequest(ILogger logger, string method, string route, int statusCode, double elapsedMs, string traceId);
}
