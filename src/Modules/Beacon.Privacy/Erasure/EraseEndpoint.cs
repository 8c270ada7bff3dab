using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Beacon.Contracts.Identity;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Http;
using Beacon.SharedKernel.Tenancy;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Beacon.Privacy.Erasure;

/// <summary>Why the lead is erased: a category or a ticket reference, never personal data (it is kept).</summary>
internal sealed record EraseRequest([property: Required, StringLength(500, MinimumLength = 3)] string? Reason);

/// <summary>A tombstone as the API shows it (a class: Dapper maps text[] onto settable properties only).</summary>
internal sealed class ErasureView
{
    public Guid LeadId { get; init; }

    public DateTimeOffset ErasedAt { get; init; }

    public Guid? ActorId { get; init; }

    public string Basis { get; init; } = "";

    public string Reason { get; init; } = "";

    public string[] Modules { get; init; } = [];
}

internal static class EraseEndpoint
{
    public static void Map(RouteGroupBuilder leads, RouteGroupBuilder privacy)
    {
        leads.MapPost("/{id:guid}/erase", EraseAsync).RequireAuthorization(Policies.Admin)
            .WithName("EraseLead")
            .WithSummary("Erase a lead (GDPR Art. 17): its personal data leaves every table at once; a tombstone without personal data remains.");
        privacy.MapGet("/erasures", ListAsync).RequireAuthorization(Policies.Admin)
            .WithName("ListErasures").WithSummary("The most recent erasures (tombstones: lead id, when, who, basis, reason).");
    }

    private static async Task<Results<Ok<ErasureView>, ValidationProblem, ProblemHttpResult>> EraseAsync(Guid id,
        EraseRequest request, ClaimsPrincipal user, LeadErasure erasure, Db db, CancellationToken ct)
    {
        var reason = request.Reason!.Trim();
        if (reason.Length < 3)
        {
            return ProblemResults.Field("reason", "Say why the lead is erased (a category or ticket reference).");
        }

        var outcome = await erasure.EraseAsync(user.TenantId(), id, user.UserId(), ErasureBasis.Request, reason, ct);
        return outcome switch
        {
            ErasureOutcome.NotFound => TypedResults.Problem(title: "No such lead.", detail: $"There is no lead {id} to erase.",
                statusCode: StatusCodes.Status404NotFound),
            ErasureOutcome.AlreadyErased => TypedResults.Problem(title: "The lead is already erased.",
                detail: $"Lead {id} was erased before; nothing about the person remains.", statusCode: StatusCodes.Status409Conflict),
            _ => TypedResults.Ok((await ReadAsync(db, user.TenantId(), id, 1, ct))[0]),
        };
    }

    private static async Task<Ok<ErasureView[]>> ListAsync(ClaimsPrincipal user, Db db, CancellationToken ct) =>
        TypedResults.Ok(await ReadAsync(db, user.TenantId(), null, 100, ct));

    private static async Task<ErasureView[]> ReadAsync(Db db, Guid tenant, Guid? leadId, int limit, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(tenant, ct);
        return [.. await conn.QueryAsync<ErasureView>(new CommandDefinition("""
            SELECT lead_id AS LeadId, erased_at AS ErasedAt, actor_id AS ActorId, basis, reason, modules FROM privacy.erasures
             WHERE tenant_id = @tenant AND (@leadId::uuid IS NULL OR lead_id = @leadId) ORDER BY erased_at DESC, lead_id LIMIT @limit
            """, new { tenant, leadId, limit }, cancellationToken: ct))];
    }
}
