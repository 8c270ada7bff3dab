using System.Security.Claims;
using Beacon.Payments.Collection;
using Beacon.Payments.Gateway;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Tenancy;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Beacon.Payments.Invoices;

internal sealed record InvoiceView(Guid InvoiceId, string Number, long AmountCents, string Currency, DateTimeOffset DueAt, string Status,
    int Attempts, DateTimeOffset? NextAttemptAt, bool Overdue, DateTimeOffset? PaidAt, string? PaymentReference);

internal sealed record AttemptView(Guid InvoiceId, string InvoiceNumber, int Number, DateTimeOffset AttemptedAt, string Trigger,
    string Outcome, string? FailureCode, string? FailureMessage, string? CardBrand, string? CardLast4);

internal static class InvoiceEndpoints
{
    public static void Map(RouteGroupBuilder payments)
    {
        payments.MapGet("/invoices", ListAsync).WithName("ListCollectedInvoices")
            .WithSummary("Invoices in collection: open ones (overdue once an attempt failed) first, then paid ones.");
        payments.MapPost("/invoices/{invoiceId:guid}/pay", PayAsync).WithName("PayInvoiceNow")
            .WithSummary("Charge the card on file for an open invoice now; a success lifts a restriction at once.");
        payments.MapGet("/attempts", AttemptsAsync).WithName("ListPaymentAttempts").WithSummary("The latest 100 collection attempts.");
    }

    private static async Task<Ok<IEnumerable<InvoiceView>>> ListAsync(ClaimsPrincipal actor, Db db, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(actor.TenantId(), ct);
        return TypedResults.Ok(await conn.QueryAsync<InvoiceView>(new CommandDefinition("""
            SELECT invoice_id AS InvoiceId, number, amount_cents AS AmountCents, currency, due_at AS DueAt, status, attempts,
                   next_attempt_at AS NextAttemptAt, (status = 'open' AND attempts > 0) AS Overdue, paid_at AS PaidAt,
                   payment_reference AS PaymentReference
              FROM payments.invoices WHERE tenant_id = @tenant
             ORDER BY status = 'paid', issued_at DESC LIMIT 100
            """, new { tenant = actor.TenantId() }, cancellationToken: ct)));
    }

    private static async Task<Results<Ok<AttemptResult>, ProblemHttpResult>> PayAsync(Guid invoiceId,
        ClaimsPrincipal actor, Db db, Collector collector, CancellationToken ct)
    {
        await using var tx = await db.BeginAsync(actor.TenantId(), ct);
        var invoice = await InvoiceRows.LockAsync(tx, invoiceId, ct);
        if (invoice is null)
        {
            return TypedResults.Problem(title: "No such invoice.", statusCode: StatusCodes.Status404NotFound);
        }

        if (invoice.Status != "open")
        {
            return TypedResults.Problem(title: "This invoice is already paid.", statusCode: StatusCodes.Status409Conflict);
        }

        AttemptResult? result;
        try
        {
            result = await collector.AttemptAsync(tx, invoice, scheduled: false, ct);
        }
        catch (Exception e) when (GatewayFailure.Problem(e) is { } problem)
        {
            return problem;
        }

        await tx.CommitAsync(ct);
        return TypedResults.Ok(result!);
    }

    private static async Task<Ok<IEnumerable<AttemptView>>> AttemptsAsync(ClaimsPrincipal actor, Db db, CancellationToken ct)
    {
        await using var conn = await db.OpenAsync(actor.TenantId(), ct);
        return TypedResults.Ok(await conn.QueryAsync<AttemptView>(new CommandDefinition("""
            SELECT a.invoice_id AS InvoiceId, i.number AS InvoiceNumber, a.number, a.attempted_at AS AttemptedAt, a.trigger, a.outcome,
                   a.failure_code AS FailureCode, a.failure_message AS FailureMessage, a.card_brand AS CardBrand, a.card_last4 AS CardLast4
              FROM payments.attempts a JOIN payments.invoices i ON i.tenant_id = a.tenant_id AND i.invoice_id = a.invoice_id
             WHERE a.tenant_id = @tenant
             ORDER BY a.attempted_at DESC, a.number DESC LIMIT 100
            """, new { tenant = actor.TenantId() }, cancellationToken: ct)));
    }
}
