using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.DependencyInjection;

namespace Beacon.SharedKernel.Http;

public static class RequestBodyLimit
{
    /// <summary>
    /// Refuses a declared body over the endpoint's limit with 413 problem details before anything reads it.
    /// Kestrel enforces the same limit on bodies without a length; this answers early and identically on every host.
    /// </summary>
    public static IApplicationBuilder UseDeclaredBodyLimit(this IApplicationBuilder app, long defaultLimit) => app.Use(async (http, next) =>
    {
        var limit = http.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize
            ?? http.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize
            ?? defaultLimit;
        if (http.Request.ContentLength is { } length && length > limit)
        {
            http.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails =
                {
                    Status = 413,
                    Title = "The request body is too large.",
                    Detail = $"This endpoint accepts at most {limit} bytes; the request declared {length}.",
                },
            });
            return;
        }

        await next(http);
    });
}
