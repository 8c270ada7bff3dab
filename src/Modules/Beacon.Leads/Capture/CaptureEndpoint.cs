using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Beacon.Contracts.Identity;
using Beacon.Leads.Model;
using Beacon.SharedKernel.Http;
using Beacon.SharedKernel.Tenancy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Beacon.Leads.Capture;

/// <summary><c>POST /api/v1/leads</c>: 201 new lead, 200 merged into an existing one, 204 archived source.</summary>
internal static class CaptureEndpoint
{
    public const int MaxKeyLength = 200;

    public static void Map(RouteGroupBuilder leads) =>
        leads.MapPost("/", CaptureAsync).RequireAuthorization(Policies.Agent)
            .Accepts<CaptureRequest>("application/json")
            .Produces<LeadResponse>(StatusCodes.Status201Created).Produces<LeadResponse>()
            .WithName("CaptureLead")
            .WithSummary("Capture a lead: dedupe by e-mail, phone or externalId, merge or create, assign. Honours Idempotency-Key.");

    private static async Task<Results<ContentHttpResult, NoContent, ValidationProblem, ProblemHttpResult>> CaptureAsync(
        HttpRequest http, ClaimsPrincipal user, CaptureService capture, IdempotencyStore idempotency, TimeProvider clock,
        IOptions<JsonOptions> json, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        await http.Body.CopyToAsync(buffer, ct);
        var body = buffer.ToArray();
        CaptureRequest? request;
        try
        {
            request = JsonSerializer.Deserialize<CaptureRequest>(body, json.Value.SerializerOptions);
        }
        catch (JsonException e)
        {
            var field = e.Path is null or "$" ? "$" : e.Path.TrimStart('$', '.');
            return ProblemResults.Field(field, field == "$" ? "The body is not a valid JSON object." : "Wrong type or malformed value.");
        }

        if (request is null)
        {
            return ProblemResults.Field("$", "The body must be a JSON object.");
        }

        var tenant = user.TenantId();
        IdempotencyRecord? record = null;
        if (http.Headers["Idempotency-Key"].ToString() is { Length: > 0 } key)
        {
            if (key.Length > MaxKeyLength)
            {
                return ProblemResults.Field("Idempotency-Key", $"At most {MaxKeyLength} characters.");
            }

            var begin = await idempotency.BeginAsync(tenant, key, SHA256.HashData(body), ct);
            switch (begin.State)
            {
                case IdempotencyState.Mismatch:
                    return TypedResults.Problem(title: "This Idempotency-Key was used with a different request body.",
                        statusCode: StatusCodes.Status422UnprocessableEntity);
                case IdempotencyState.InFlight:
                    return ProblemResults.Conflict("A request with this Idempotency-Key is still being processed.", "Retry shortly.");
                case IdempotencyState.Replay:
                    http.HttpContext.Response.Headers["Idempotent-Replayed"] = "true";
                    return TypedResults.Content(begin.Body ?? "", "application/json", Encoding.UTF8, begin.Status);
            }

            record = begin.Record;
        }

        try
        {
            var draft = LeadValidator.Validate(request, clock.GetUtcNow(), out var errors);
            if (draft is null)
            {
                var problem = TypedResults.ValidationProblem(errors);
                if (record is not null)
                {
                    await record.CompleteAloneAsync(400, JsonSerializer.Serialize(problem.ProblemDetails, json.Value.SerializerOptions), ct);
                    record = null;
                }

                return problem;
            }

            var creatingAgent = !user.IsApiKey() && user.Role() == Roles.Agent ? user.UserId() : (Guid?)null;
            var outcome = await capture.CaptureAsync(tenant, user.UserId(), creatingAgent, draft,
                o => Serialize(o, json.Value.SerializerOptions), record, ct);
            record = null;
            if (outcome.Lead is null)
            {
                return TypedResults.NoContent();
            }

            http.HttpContext.Response.Headers.ETag = outcome.Lead.ETag;
            if (outcome.Status == CaptureStatus.Created)
            {
                http.HttpContext.Response.Headers.Location = $"/api/v1/leads/{outcome.Lead.Id}";
            }

            return TypedResults.Content(Serialize(outcome, json.Value.SerializerOptions), "application/json", Encoding.UTF8,
                CaptureService.StatusOf(outcome));
        }
        catch (CaptureRejectedException e)
        {
            return ProblemResults.Field(e.Field, e.Message);
        }
        finally
        {
            if (record is not null)
            {
                await record.ReleaseAsync();
            }
        }
    }

    private static string Serialize(CaptureOutcome outcome, JsonSerializerOptions options) =>
        outcome.Lead is null ? "" : JsonSerializer.Serialize(LeadResponse.From(outcome.Lead), options);
}
