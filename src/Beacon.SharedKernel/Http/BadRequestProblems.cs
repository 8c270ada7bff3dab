using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Beacon.SharedKernel.Http;

/// <summary>
/// Turns the framework's body-binding failures into RFC 9457 problem details that name the field:
/// malformed JSON, a wrong type or an unknown enum value at <c>$.path</c> → 400 with <c>errors[path]</c>;
/// a body over the size limit → 413.
/// </summary>
internal sealed partial class BadRequestProblems(IProblemDetailsService problems) : IExceptionHandler
{
    // A query or route value that does not parse, e.g. `Failed to bind parameter "DateTimeOffset? From" from "yesterday".`
    [System.Text.RegularExpressions.GeneratedRegex("^Failed to bind parameter \"[^\"]* (?<name>\\w+)\" from \"(?<value>.*)\"\\.$")]
    private static partial System.Text.RegularExpressions.Regex UnboundParameter();

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        ProblemDetails problem;
        if (bad.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            problem = new ProblemDetails
            {
                Status = StatusCodes.Status413PayloadTooLarge,
                Title = "The request body is too large.",
                Detail = bad.Message,
            };
        }
        else
        {
            var json = FindJsonException(bad);
            var parameter = json is null ? UnboundParameter().Match(bad.Message) : null;
            var field = parameter is { Success: true } ? JsonNamingPolicy.CamelCase.ConvertName(parameter.Groups["name"].Value) : FieldName(json?.Path);
            var message = json is not null ? Describe(json)
                : parameter is { Success: true } ? $"'{parameter.Groups["value"].Value}' is not a valid value." : bad.Message;
            problem = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The request body is not valid.",
            };
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    private static JsonException? FindJsonException(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is JsonException json)
            {
                return json;
            }
        }

        return null;
    }

    // "$.consents[0].channel" → "consents[0].channel"; a body that is not JSON at all → "$" (the body).
    private static string FieldName(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "$" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;

    private static string Describe(JsonException json) =>
        json.Path is null or "$"
            ? "The body is not valid JSON."
            : "The value is not valid for this field (wrong type, unknown value or malformed JSON).";
}
