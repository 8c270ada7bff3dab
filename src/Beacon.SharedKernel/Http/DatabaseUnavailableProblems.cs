using Beacon.SharedKernel.Database;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Beacon.SharedKernel.Http;

/// <summary>
/// A request cut by the database being unreachable (a restart, a failover, a full pool) is answered 503 with
/// <c>Retry-After</c>, so a client can tell "send it again shortly" from "a bug" (a 500). With an Idempotency-Key, the
/// retry is safe: nothing of the failed request was committed.
/// </summary>
internal sealed class DatabaseUnavailableProblems(IProblemDetailsService problems) : IExceptionHandler
{
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!DatabaseUnavailable.Is(exception))
        {
            return false;
        }

        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The service is temporarily unavailable.",
                Detail = $"The database could not be reached; retry after {RetryAfterSeconds} s.",
                Extensions = { ["retryAfterSeconds"] = RetryAfterSeconds },
            },
            Exception = exception,
        });
    }
}
