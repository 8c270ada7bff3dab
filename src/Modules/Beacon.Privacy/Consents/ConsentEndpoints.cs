using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Beacon.Contracts.Identity;
using Beacon.Contracts.Leads;
using Beacon.Contracts.Privacy;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Http;
using Beacon.SharedKernel.Tenancy;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Beacon.Privacy.Consents;

/// <summary>
/// One decision of the person about one purpose: <c>granted</c> (with the text they were shown), <c>withdrawn</c>,
/// or <c>objected</c> (Art. 21). <c>source</c> says where it was given (web form, phone call, e-mail …).
/// </summary>
internal sealed record ConsentRequest(
    [property: Required, AllowedValues("email_marketing", "sms_marketing", "calls", "profiling", "enrichment")] string? Purpose,
    [property: Required, AllowedValues("granted", "withdrawn", "objected")] string? Decision,
    [property: Required, StringLength(200, MinimumLength = 1)] string? Source,
    [property: StringLength(4000)] string? TextShown = null,
    DateTimeOffset? GivenAt = null,
    [property: StringLength(500)] string? Reason = null);

internal static class ConsentEndpoints
{
    public static void Map(RouteGroupBuilder leads)
    {
        leads.MapGet("/{id:guid}/consents", GetAsync).RequireAuthorization(Policies.ReadOnly)
            .WithName("GetLeadConsents").WithSummary("The lead's consents and objections per purpose, and their full history.");
        leads.MapPost("/{id:guid}/consents", RecordAsync).RequireAuthorization(Policies.Agent)
            .WithName("RecordLeadConsent")
            .WithSummary("Record a consent given or withdrawn, or an objection, for one purpose; an objection to profiling stops scoring and enrichment.");
    }

    private static async Task<Results<Ok<ConsentView>, ProblemHttpResult>> GetAsync(Guid id, ClaimsPrincipal user, ILeadAccess access,
        Db db, CancellationToken ct)
    {
        if (!await access.MayViewAsync(user, id, ct))
        {
            return TypedResults.Problem(title: "No such lead.", statusCode: StatusCodes.Status404NotFound);
        }

        await using var conn = await db.OpenAsync(user.TenantId(), ct);
        return TypedResults.Ok(await ConsentLedger.ReadAsync(conn, null, user.TenantId(), id, ct));
    }

    private static async Task<Results<Ok<ConsentView>, ValidationProblem, ProblemHttpResult>> RecordAsync(Guid id,
        ConsentRequest request, ClaimsPrincipal user, ILeadAccess access, Db db, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (request.Decision == "granted" && string.IsNullOrWhiteSpace(request.TextShown))
        {
            return ProblemResults.Field("textShown", "A consent needs the text the person was shown when they agreed.");
        }

        if (request.GivenAt > now.AddMinutes(5))
        {
            return ProblemResults.Field("givenAt", "A decision cannot be made in the future.");
        }

        if (!await access.MayViewAsync(user, id, ct))
        {
            return TypedResults.Problem(title: "No such lead.", statusCode: StatusCodes.Status404NotFound);
        }

        await using var tx = await db.BeginAsync(user.TenantId(), ct);
        await tx.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO privacy.consents (tenant_id, lead_id, id, purpose, decision, source, text_shown, reason, given_at, actor_id, recorded_at)
            VALUES (@tenant, @id, @entryId, @Purpose, @Decision, @source, @textShown, @reason, @givenAt, @actor, @now)
            """, new
        {
            tenant = tx.TenantId,
            id,
            entryId = Guid.CreateVersion7(),
            request.Purpose,
            request.Decision,
            source = request.Source!.Trim(),
            textShown = request.TextShown?.Trim(),
            reason = request.Reason?.Trim(),
            givenAt = request.GivenAt ?? now,
            actor = user.UserId(),
            now,
        }, tx.Transaction, cancellationToken: ct));
        if (request.Decision is "objected" or "withdrawn")
        {
            // Scoring and enrichment delete what they made of the lead; until then their own checks already refuse it.
            tx.Publish(new LeadProcessingObjected(Guid.CreateVersion7(), tx.TenantId, now, id, request.Purpose!));
        }

        var view = await ConsentLedger.ReadAsync(tx.Connection, tx.Transaction, tx.TenantId, id, ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(view);
    }
}
