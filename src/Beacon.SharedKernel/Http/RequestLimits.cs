using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Beacon.SharedKernel.Http;

/// <summary>
/// The request line and header limits, answered as RFC 9457 problem details (414, 431). Kestrel's own answers to
/// these cannot be customised (an empty body), so the server sets Kestrel's limits above these (see
/// <see cref="KestrelHeadroom"/>) and this middleware, early in the pipeline, refuses first.
/// </summary>
public static class RequestLimits
{
    /// <summary>Longest request target (path and query); Kestrel's default request line was 8 KiB.</summary>
    public const int MaxTargetLength = 8 * 1024;

    /// <summary>Total size of names and values of all headers (Kestrel's default).</summary>
    public const int MaxHeadersTotalSize = 32 * 1024;

    /// <summary>Header lines per request (Kestrel's default).</summary>
    public const int MaxHeaderCount = 100;

    /// <summary>How far above these limits Kestrel's are set: only beyond that does Kestrel answer bare itself.</summary>
    public const int KestrelHeadroom = 4;

    public static IApplicationBuilder UseRequestLimits(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var target = http.Features.Get<IHttpRequestFeature>()?.RawTarget ?? "";
        if (target.Length > MaxTargetLength)
        {
            await RefuseAsync(http, StatusCodes.Status414UriTooLong, "The request URI is too long.",
                $"The path and query may be at most {MaxTargetLength} characters; this one has {target.Length}.");
            return;
        }

        long size = 0;
        var count = 0;
        foreach (var (name, values) in http.Request.Headers)
        {
            foreach (var value in values)
            {
                count++;
                size += name.Length + (value?.Length ?? 0);
            }
        }

        if (size > MaxHeadersTotalSize || count > MaxHeaderCount)
        {
            await RefuseAsync(http, StatusCodes.Status431RequestHeaderFieldsTooLarge, "The request headers are too large.",
                $"At most {MaxHeaderCount} headers of {MaxHeadersTotalSize} bytes in all; this request has {count} of {size}.");
            return;
        }

        await next(http);
    });

    private static async Task RefuseAsync(HttpContext http, int status, string title, string detail)
    {
        http.Response.StatusCode = status;
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }
}
