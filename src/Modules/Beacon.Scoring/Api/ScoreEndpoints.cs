using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Text.Json;
using Beacon.Contracts.Identity;
using Beacon.Contracts.Leads;
using Beacon.Contracts.Privacy;
using Beacon.Scoring.Features;
using Beacon.Scoring.Serving;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Tenancy;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Beacon.Scoring.Api;

internal sealed record ScoreOverride(string Grade, Guid? By, string? Reason, DateTimeOffset? At);

/// <summary>
/// A lead's score: <c>status</c> is <c>scored</c>, <c>pending</c> for a lead scoring has not reached yet (just
/// captured or imported), or <c>objected</c> when the person objected to profiling: normal states of a visible lead,
/// so a 200 with the score's fields null, not a 404.
/// </summary>
internal sealed record ScoreResponse(Guid LeadId, string Status, double? Probability, string? Grade, string? ScoredGrade,
    IReadOnlyList<ScoreReason> Reasons, int? ModelVersion, string? Method, string? Confidence, DateTimeOffset? ScoredAt,
    ScoreOverride? Override)
{
    public static ScoreResponse Pending(Guid leadId) => new(leadId, "pending", null, null, null, [], null, null, null, null, null);

    /// <summary>Not scored, and not going to be: the person objected to profiling (GDPR Art. 21).</summary>
    public static ScoreResponse Objected(Guid leadId) => new(leadId, "objected", null, null, null, [], null, null, null, null, null);
}

internal sealed record OverrideRequest(
    [property: Required, RegularExpression("^[ABCD]$", ErrorMessage = "One of A, B, C, D.")] string? Grade,
    [property: Required, StringLength(500, MinimumLength = 1)] string? Reason);

/// <summary>A lead's score with its reasons, and a person's grade override (kept over re-scores, shown beside the score).</summary>
internal static class ScoreEndpoints
{
    public static void Map(RouteGroupBuilder leads)
    {
        leads.MapGet("/{id:guid}/score", GetAsync).RequireAuthorization(Policies.ReadOnly)
            .WithName("GetLeadScore").WithSummary("The lead's probability to convert, grade, reasons up and down, model version, method and confidence.")
            .WithDescription("A visible lead that has not been scored yet answers 200 with status \"pending\" and null score fields; 404 only for unknown or invisible leads.");
        leads.MapPut("/{id:guid}/score/override", OverrideAsync).RequireAuthorization(Policies.Agent)
            .WithName("OverrideLeadGrade").WithSummary("Set a manual grade (A–D) with a reason; it is kept and shown over computed grades.");
        leads.MapDelete("/{id:guid}/score/override", ClearAsync).RequireAuthorization(Policies.Agent)
            .WithName("ClearLeadGradeOverride").WithSummary("Remove the manual grade: the computed grade is shown again.");
    }

    private static async Task<Results<Ok<ScoreResponse>, NotFound>> GetAsync(Guid id, ClaimsPrincipal user, ILeadAccess leads,
        Db db, HttpContext http, CancellationToken ct)
    {
        // An invisible lead answers exactly what an unknown one does.
        if (!await leads.MayViewAsync(user, id, ct))
        {
            return TypedResults.NotFound();
        }

        await using var conn = await db.OpenAsync(user.TenantId(), ct);
        // The objection is the truth at once; the score it makes obsolete is deleted by a job a moment later.
        if (http.RequestServices.GetService<IProcessingObjections>() is { } objections
            && (await objections.ObjectedAsync(conn, null, user.TenantId(), [id], [ProcessingPurposes.Profiling], ct)).Count > 0)
        {
            return TypedResults.Ok(ScoreResponse.Objected(id));
        }

        var s = await ScoreStore.ReadAsync(conn, null, user.TenantId(), id, ct);
        if (s is null)
        {
            return TypedResults.Ok(ScoreResponse.Pending(id));
        }

        var reasons = JsonSerializer.Deserialize<List<ScoreReason>>(s.Reasons, ScoringJson.Options) ?? [];
        var over = s.OverrideGrade is null ? null : new ScoreOverride(s.OverrideGrade, s.OverrideBy, s.OverrideReason, s.OverrideAt);
        return TypedResults.Ok(new ScoreResponse(id, "scored", s.Probability, s.OverrideGrade ?? s.Grade, s.Grade, reasons, s.ModelVersion,
            s.Method, s.Confidence, s.ScoredAt, over));
    }

    private static async Task<Results<NoContent, NotFound>> OverrideAsync(Guid id, OverrideRequest request, ClaimsPrincipal user,
        ILeadAccess leads, Db db, TimeProvider clock, CancellationToken ct) =>
        await SetAsync(id, request.Grade, request.Reason, user, leads, db, clock, ct);

    private static async Task<Results<NoContent, NotFound>> ClearAsync(Guid id, ClaimsPrincipal user, ILeadAccess leads, Db db,
        TimeProvider clock, CancellationToken ct) =>
        await SetAsync(id, null, null, user, leads, db, clock, ct);

    private static async Task<Results<NoContent, NotFound>> SetAsync(Guid id, string? grade, string? reason, ClaimsPrincipal user,
        ILeadAccess leads, Db db, TimeProvider clock, CancellationToken ct)
    {
        if (!await leads.MayViewAsync(user, id, ct))
        {
            return TypedResults.NotFound();
        }

        await using var conn = await db.OpenAsync(user.TenantId(), ct);
        var updated = await conn.ExecuteAsync(new CommandDefinition("""
            UPDATE scoring.scores SET override_grade = @grade, override_by = @by, override_reason = @reason, override_at = @at
             WHERE tenant_id = @tenant AND lead_id = @id
            """, new
        {
            tenant = user.TenantId(),
            id,
            grade,
            by = grade is null ? (Guid?)null : user.UserId(),
            reason,
            at = grade is null ? (DateTimeOffset?)null : clock.GetUtcNow(),
        }, cancellationToken: ct));
        return updated == 0 ? TypedResults.NotFound() : TypedResults.NoContent();
    }
}
