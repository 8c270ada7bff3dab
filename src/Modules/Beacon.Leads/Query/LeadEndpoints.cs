using System.Security.Claims;
using Beacon.Contracts.Identity;
using Beacon.Contracts.Leads;
using Beacon.Leads.Capture;
using Beacon.Leads.Model;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Http;
using Beacon.SharedKernel.Tenancy;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Beacon.Leads.Query;

/// <summary><c>GET</c>, <c>PATCH</c> (with <c>If-Match</c>) and <c>DELETE</c> (soft) of one lead.</summary>
internal static class LeadEndpoints
{
    public static void Map(RouteGroupBuilder leads)
    {
        leads.MapGet("/{id:guid}", GetAsync).RequireAuthorization(Policies.ReadOnly)
            .WithName("GetLead").WithSummary("One lead, with its ETag.");
        leads.MapPatch("/{id:guid}", UpdateLeadCommand.HandleAsync).RequireAuthorization(Policies.Agent)
            .WithName("UpdateLead").WithSummary("Change a lead; send If-Match with its ETag (412 when someone changed it first).");
        leads.MapDelete("/{id:guid}", DeleteAsync).RequireAuthorization(Policies.TeamLead)
            .WithName("DeleteLead").WithSummary("Soft-delete a lead (it leaves every list and frees its e-mails and phones).");
    }

    private static async Task<Results<Ok<LeadResponse>, NotFound>> GetAsync(Guid id, ClaimsPrincipal user, Db db, HttpContext http,
        CancellationToken ct)
    {
        var lead = await LeadReader.FindAsync(db, user, id, ct);
        if (lead is null)
        {
            return TypedResults.NotFound();
        }

        http.Response.Headers.ETag = lead.ETag;
        return TypedResults.Ok(LeadResponse.From(lead));
    }

    private static async Task<Results<NoContent, NotFound, ProblemHttpResult>> DeleteAsync(Guid id, ClaimsPrincipal user, Db db,
        TimeProvider clock, HttpRequest http, CancellationToken ct)
    {
        await using var tx = await db.BeginAsync(user.TenantId(), ct);
        var lead = await LeadReader.LockAsync(tx, user, id, ct);
        if (lead is null)
        {
            return TypedResults.NotFound();
        }

        if (http.Headers.IfMatch.ToString() is { Length: > 0 } ifMatch && ifMatch != lead.ETag)
        {
            return TypedResults.Problem(title: "The lead changed since you read it.", statusCode: StatusCodes.Status412PreconditionFailed);
        }

        var now = clock.GetUtcNow();
        await tx.Connection.ExecuteAsync(new CommandDefinition("""
            UPDATE leads.leads SET deleted_at = @now, updated_at = @now, version = version + 1 WHERE tenant_id = @tenant AND id = @id;
            DELETE FROM leads.identities WHERE tenant_id = @tenant AND lead_id = @id;
            """, new { tenant = tx.TenantId, id, now }, tx.Transaction, cancellationToken: ct));
        tx.Publish(new LeadDeleted(Guid.CreateVersion7(), tx.TenantId, now, id, user.UserId()));
        await tx.CommitAsync(ct);
        return TypedResults.NoContent();
    }
}
