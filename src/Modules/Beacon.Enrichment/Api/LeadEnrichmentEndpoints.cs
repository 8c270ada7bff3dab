using System.ComponentModel.DataAnnotations;
using System.Net;
using System.Security.Claims;
using Beacon.Contracts.Identity;
using Beacon.Contracts.Leads;
using Beacon.Enrichment.Data;
using Beacon.Enrichment.Pipeline;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Http;
using Beacon.SharedKernel.Tenancy;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Beacon.Enrichment.Api;

/// <summary>FCRA-style consent to a soft credit pull, as the lead gave it (notice version, time, IP, purpose, "I agree").</summary>
internal sealed record CreditConsentRequest(
    [property: Required, StringLength(64, MinimumLength = 1)] string NoticeVersion,
    [property: Required] bool? Agreed,
    [property: Required, AllowedValues("prequalification")] string Purpose,
    DateTimeOffset? AgreedAt = null,
    [property: StringLength(45)] string? Ip = null,
    DateOnly? DateOfBirth = null);

internal sealed record ObjectionRequest([property: StringLength(500)] string? Reason = null);

internal static class LeadEnrichmentEndpoints
{
    public static void Map(RouteGroupBuilder leads)
    {
        leads.MapGet("/{id:guid}/enrichment", GetAsync).RequireAuthorization(Policies.ReadOnly)
            .WithName("GetLeadEnrichment").WithSummary("Enrichment of a lead: per provider its state and fields with provenance.");
        leads.MapPost("/{id:guid}/credit-consent", ConsentAsync).RequireAuthorization(Policies.Agent)
            .WithName("RecordCreditConsent").WithSummary("Record the lead's FCRA consent to a soft credit pull; starts the credit step.");
        leads.MapPost("/{id:guid}/enrichment/objection", ObjectAsync).RequireAuthorization(Policies.Agent)
            .WithName("ObjectToEnrichment").WithSummary("The lead objects (GDPR Art. 21): enrichment stops and its data is removed.");
    }

    private static async Task<Results<Ok<LeadEnrichmentView>, NotFound>> GetAsync(Guid id, ClaimsPrincipal user, Db db,
        ILeadAccess leads, CancellationToken ct)
    {
        if (!await leads.MayViewAsync(user, id, ct))
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Ok(await LeadEnrichmentReader.ReadAsync(db, user.TenantId(), id, ct));
    }

    private static async Task<Results<Ok<LeadEnrichmentView>, NotFound, ValidationProblem>> ConsentAsync(Guid id,
        CreditConsentRequest request, ClaimsPrincipal user, Db db, ILeadAccess leads, Dispatcher dispatcher,
        TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (request.AgreedAt > now.AddMinutes(5))
        {
            return ProblemResults.Field("agreedAt", "A consent cannot be given in the future.");
        }

        var ip = request.Ip ?? http.Connection.RemoteIpAddress?.ToString();
        if (ip is null || !IPAddress.TryParse(ip, out _))
        {
            return ProblemResults.Field("ip", "The address the consent was given from must be an IPv4 or IPv6 address.");
        }

        if (!await leads.MayViewAsync(user, id, ct))
        {
            return TypedResults.NotFound();
        }

        await using (var tx = await db.BeginAsync(user.TenantId(), ct))
        {
            // Under the lead's lock, taken first: a dispatch deciding now either saw no consent and has committed its
            // skip (which the dispatch below then replaces), or waits and then sees this consent.
            await Runs.LockLeadAsync(tx, id, ct);
            await tx.Connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO enrichment.credit_consents (tenant_id, lead_id, notice_version, agreed, agreed_at, ip, purpose,
                    date_of_birth, recorded_by, recorded_at)
                VALUES (@tenant, @id, @NoticeVersion, @agreed, @agreedAt, @ip, @purpose, @dob::date, @userId, @now)
                ON CONFLICT (tenant_id, lead_id) DO UPDATE SET notice_version = excluded.notice_version, agreed = excluded.agreed,
                    agreed_at = excluded.agreed_at, ip = excluded.ip, purpose = excluded.purpose,
                    date_of_birth = excluded.date_of_birth, recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at
                """,
                new
                {
                    tenant = tx.TenantId,
                    id,
                    request.NoticeVersion,
                    agreed = request.Agreed == true,
                    agreedAt = request.AgreedAt ?? now,
                    ip,
                    purpose = request.Purpose.ToLowerInvariant(),
                    userId = user.UserId(),
                    now,
                    dob = request.DateOfBirth?.ToDateTime(TimeOnly.MinValue),
                }, tx.Transaction, cancellationToken: ct));
            await dispatcher.DispatchAsync(tx, id, ProviderNames.Credit, null, true, ct);
            await tx.CommitAsync(ct);
        }

        return TypedResults.Ok(await LeadEnrichmentReader.ReadAsync(db, user.TenantId(), id, ct));
    }

    private static async Task<Results<Ok<LeadEnrichmentView>, NotFound>> ObjectAsync(Guid id, ObjectionRequest? request,
        ClaimsPrincipal user, Db db, ILeadAccess leads, TimeProvider clock, CancellationToken ct)
    {
        if (!await leads.MayViewAsync(user, id, ct))
        {
            return TypedResults.NotFound();
        }

        await Privacy.Objections.RecordAsync(db, user, id, request?.Reason, clock.GetUtcNow(), ct);
        return TypedResults.Ok(await LeadEnrichmentReader.ReadAsync(db, user.TenantId(), id, ct));
    }
}
