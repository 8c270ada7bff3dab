using System.Security.Claims;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Tenancy;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Beacon.Billing.Invoices;

internal static class InvoiceEndpoints
{
    public static void Map(RouteGroupBuilder billing)
    {
        billing.MapGet("/invoices", ListAsync).WithName("ListInvoices").WithSummary("The brokerage's invoices, newest month first.");
        billing.MapGet("/invoices/{id:guid}", GetAsync).WithName("GetInvoice").WithSummary("One invoice with its lines.");
        billing.MapGet("/invoices/{id:guid}/pdf", PdfAsync).WithName("GetInvoicePdf").WithSummary("One invoice as a PDF document.")
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf");
    }

    private static async Task<Ok<IReadOnlyList<BillingInvoice>>> ListAsync(ClaimsPrincipal actor, Db db, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(actor.TenantId(), ct);
        return TypedResults.Ok(await InvoiceReader.ListAsync(conn, actor.TenantId(), ct));
    }

    private static async Task<Results<Ok<BillingInvoiceDetail>, NotFound>> GetAsync(Guid id, ClaimsPrincipal actor, Db db, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(actor.TenantId(), ct);
        return await InvoiceReader.GetAsync(conn, actor.TenantId(), id, ct) is { } found ? TypedResults.Ok(found) : TypedResults.NotFound();
    }

    private static async Task<Results<FileContentHttpResult, NotFound, ProblemHttpResult>> PdfAsync(Guid id, ClaimsPrincipal actor, Db db,
        InvoicePdf pdf, CancellationToken ct)
    {
        BillingInvoiceDetail? invoice;
        await using (var conn = await db.OpenAsync(actor.TenantId(), ct))
        {
            invoice = await InvoiceReader.GetAsync(conn, actor.TenantId(), id, ct);
        }

        if (invoice is null)
        {
            return TypedResults.NotFound();
        }

        var bytes = await pdf.RenderAsync(InvoiceHtml.Render(invoice, actor.TenantId()), ct);
        if (bytes is null)
        {
            return TypedResults.Problem(title: "The invoice could not be printed as PDF right now.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        var name = invoice.Invoice.Number ?? $"draft-{invoice.Invoice.Month}";
        return TypedResults.File(bytes, "application/pdf", $"{name}.pdf");
    }
}
