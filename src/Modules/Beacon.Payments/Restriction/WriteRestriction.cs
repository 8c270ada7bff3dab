using Beacon.Payments.Collection;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Http;
using Beacon.SharedKernel.Tenancy;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Beacon.Payments.Restriction;

/// <summary>
/// While a brokerage is restricted, every write under /api/v1 is refused with 402 problem details saying why and where
/// to pay — except signing in and out, payments (to pay is the way out) and billing. Reads and exports (GETs) keep
/// working, and nothing is ever deleted. The standing is read per write (one indexed row), so paying lifts it at once on every node.
/// </summary>
internal static class WriteRestriction
{
    private static readonly string[] Exempt = [ApiGroups.Prefix + "/auth", ApiGroups.Prefix + "/payments", ApiGroups.Prefix + "/billing"];

    public static IApplicationBuilder UseWriteRestriction(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (Applies(context) && await RestrictionAsync(context) is { } restriction)
        {
            await TypedResults.Problem(
                title: "Your account is restricted: an invoice is unpaid.",
                detail: $"{restriction.Reason} Nothing can be saved until it is paid; nothing has been deleted, and reading and "
                    + $"exporting still work. An owner or admin can pay it at {Standing.PayPath}.",
                statusCode: StatusCodes.Status402PaymentRequired,
                type: "https://beacon.example/problems/account-restricted",
                extensions: new Dictionary<string, object?> { ["payUrl"] = Standing.PayPath, ["invoiceId"] = restriction.InvoiceId })
                .ExecuteAsync(context);
            return;
        }

        await next(context);
    });

    private static bool Applies(HttpContext context) =>
        !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method) && !HttpMethods.IsOptions(context.Request.Method)
        && context.Request.Path.StartsWithSegments(ApiGroups.Prefix)
        && !Exempt.Any(p => context.Request.Path.StartsWithSegments(p))
        && context.User.Identity?.IsAuthenticated == true;

    private sealed record Restriction(Guid? InvoiceId, string Reason);

    private static async Task<Restriction?> RestrictionAsync(HttpContext context)
    {
        var db = context.RequestServices.GetRequiredService<Db>();
        await using var conn = await db.OpenAsync(context.User.TenantId(), context.RequestAborted);
        return await conn.QuerySingleOrDefaultAsync<Restriction>(new CommandDefinition("""
            SELECT invoice_id AS InvoiceId, coalesce(reason, '') AS Reason FROM payments.standing WHERE tenant_id = @tenant AND restricted
            """, new { tenant = context.User.TenantId() }, cancellationToken: context.RequestAborted));
    }
}
