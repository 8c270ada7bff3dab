using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Beacon.Contracts.Identity;
using Beacon.Contracts.Leads;
using Beacon.Leads.Model;
using Beacon.Leads.Query;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Http;
using Beacon.SharedKernel.Tenancy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Beacon.Leads.Capture;

/// <summary>
/// <c>POST /api/v1/leads</c>: 201 new lead, 200 merged into an existing one, 204 archived source. A merge into a lead
/// the caller may not view answers <see cref="CaptureReceipt"/> (its id and "merged") instead of the lead, so a
/// capture cannot read another agent's lead, while an integrator still learns where its lead went.
/// </summary>
internal static class CaptureEndpoint
{
    public const int MaxKeyLength = 200;

    public static void Map(RouteGroupBuilder leads) =>
        leads.MapPost("/", CaptureAsync).RequireAuthorization(Policies.Agent)
            .Accepts<CaptureRequest>("application/json")
            .Produces<LeadResponse>(StatusCodes.Status201Created)
            .WithMetadata(new ProducesResponseTypeAttribute<LeadResponse>(StatusCodes.Status200OK) { Description = MergedDescription })
            .WithName("CaptureLead")
            .WithSummary("Capture a lead: dedupe by e-mail, phone or externalId, merge or create, assign. Honours Idempotency-Key.")
            .WithDescription("201: the new lead. 200: merged into an existing lead; " + MergedDescription
                + " 204: the source is archived, nothing was written.");

    private const string MergedDescription = "The lead the capture merged into. When the caller may not view that lead (an "
        + "agent, or an agent-role API key, to whom it is not assigned), only {\"id\": <lead id>, \"status\": \"merged\"}.";

    private static async Task<Results<ContentHttpResult, NoContent, ValidationProblem, ProblemHttpResult>> CaptureAsync(
        HttpRequest http, ClaimsPrincipal user, Db db, CaptureService capture, IdempotencyStore idempotency,
        TimeProvider clock, IOptions<JsonOptions> json, CancellationToken ct)
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

        var key = http.Headers["Idempotency-Key"].ToString();
        if (key.Length > MaxKeyLength)
        {
            return ProblemResults.Field("Idempotency-Key", $"At most {MaxKeyLength} characters.");
        }

        var draft = LeadValidator.Validate(request, clock.GetUtcNow(), out var errors);
        if (draft is null && key.Length == 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        // The key's claim lives in this transaction: it ends (and frees the key) with the request, whatever happens.
        await using var tx = await db.BeginAsync(user.TenantId(), ct);
        IdempotencyRecord? record = null;
        if (key.Length > 0)
        {
            var begin = await idempotency.BeginAsync(tx, key, SHA256.HashData(body), ct);
            switch (begin.State)
            {
                case IdempotencyState.Mismatch:
                    return TypedResults.Problem(title: "This Idempotency-Key was used with a different request body.",
                        statusCode: StatusCodes.Status422UnprocessableEntity);
                case IdempotencyState.InFlight:
                    return ProblemResults.Conflict("A request with this Idempotency-Key is still being processed.", "Retry shortly.");
                case IdempotencyState.Replay:
                    http.HttpContext.Response.Headers["Idempotent-Replayed"] = "true";
                    var replay = await ReplayBodyAsync(begin, tx, user, json.Value.SerializerOptions, ct);
                    return TypedResults.Content(replay, "application/json", Encoding.UTF8, begin.Status);
            }

            record = begin.Record;
        }

        if (draft is null)
        {
            var problem = TypedResults.ValidationProblem(errors);
            await record!.CompleteAsync(tx, 400, JsonSerializer.Serialize(problem.ProblemDetails, json.Value.SerializerOptions), ct);
            await tx.CommitAsync(ct);
            return problem;
        }

        try
        {
            // An agent or team lead typing a lead in works it: round robin could hand it to someone they cannot see.
            var creatingAgent = !user.IsApiKey() && user.Role() is Roles.Agent or Roles.TeamLead ? user.UserId() : (Guid?)null;
            var outcome = await capture.CaptureAsync(tx, user, user.UserId(), creatingAgent, draft,
                o => Serialize(o, json.Value.SerializerOptions), record, ct);
            if (outcome.Lead is null)
            {
                return TypedResults.NoContent();
            }

            if (!outcome.Withheld)
            {
                http.HttpContext.Response.Headers.ETag = outcome.Lead.ETag;
            }

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
    }

    private static string Serialize(CaptureOutcome outcome, JsonSerializerOptions options) => outcome switch
    {
        { Lead: null } => "",
        { Withheld: true } => JsonSerializer.Serialize(new CaptureReceipt(outcome.Lead.Id, CaptureReceipt.Merged), options),
        _ => JsonSerializer.Serialize(LeadResponse.From(outcome.Lead), options),
    };

    /// <summary>
    /// The stored answer, except that a merge answered with the whole lead is reduced to the receipt for a replaying
    /// caller who may not view that lead (the key is the tenant's, not the caller's; or the lead was reassigned since).
    /// </summary>
    private static async Task<string> ReplayBodyAsync(IdempotencyBegin begin, TenantTransaction tx, ClaimsPrincipal user,
        JsonSerializerOptions options, CancellationToken ct)
    {
        if (begin.Status != StatusCodes.Status200OK || begin.Body is null)
        {
            return begin.Body ?? "";
        }

        using var stored = JsonDocument.Parse(begin.Body);
        var id = stored.RootElement.GetProperty("id").GetGuid();
        return stored.RootElement.TryGetProperty("status", out _) || await LeadReader.VisibleAsync(tx.Connection, tx.Transaction, user, id, ct)
            ? begin.Body
            : JsonSerializer.Serialize(new CaptureReceipt(id, CaptureReceipt.Merged), options);
    }
}
