using System.Security.Claims;
using Beacon.Payments.Collection;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Tenancy;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Beacon.Payments.Restriction;

/// <summary>The brokerage's standing, for the banner every member sees while it is restricted.</summary>
internal sealed record StandingView(bool Restricted, string? Reason, Guid? InvoiceId, string? InvoiceNumber, DateTimeOffset? RestrictedAt,
    string PayUrl);

internal static class StandingEndpoints
{
    public static void Map(RouteGroupBuilder standing) =>
        standing.MapGet("/standing", GetAsync).WithName("GetAccountStanding")
            .WithSummary("Whether the brokerage is restricted for an unpaid invoice (writes refused with 402), why, and where to pay.");

    private static async Task<Ok<StandingView>> GetAsync(ClaimsPrincipal actor, Db db, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(actor.TenantId(), ct);
        var view = await conn.QuerySingleOrDefaultAsync<StandingView>(new CommandDefinition("""
            SELECT s.restricted, s.reason, s.invoice_id AS InvoiceId, i.number AS InvoiceNumber, s.restricted_at AS RestrictedAt, @pay AS PayUrl
              FROM payments.standing s LEFT JOIN payments.invoices i ON i.tenant_id = s.tenant_id AND i.invoice_id = s.invoice_id
             WHERE s.tenant_id = @tenant AND s.restricted
            """, new { tenant = actor.TenantId(), pay = Standing.PayPath }, cancellationToken: ct));
        return TypedResults.Ok(view ?? new StandingView(false, null, null, null, null, Standing.PayPath));
    }
}
