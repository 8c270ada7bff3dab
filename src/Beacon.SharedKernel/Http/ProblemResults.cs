using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Beacon.SharedKernel.Http;

/// <summary>Short-hands for the problem answers modules give most.</summary>
public static class ProblemResults
{
    public static ValidationProblem Field(string field, string message) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] });

    public static ProblemHttpResult Conflict(string title, string? detail = null) =>
        TypedResults.Problem(title: title, detail: detail, statusCode: StatusCodes.Status409Conflict);

    public static ProblemHttpResult Unauthorized(string title) =>
        TypedResults.Problem(title: title, statusCode: StatusCodes.Status401Unauthorized);

    public static ProblemHttpResult Forbidden(string title) =>
        TypedResults.Problem(title: title, statusCode: StatusCodes.Status403Forbidden);
}
