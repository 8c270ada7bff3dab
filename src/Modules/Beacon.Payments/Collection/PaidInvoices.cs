using Beacon.Contracts.Billing;
using Beacon.Payments.Notices;
using Beacon.SharedKernel.Database;
using Dapper;

namespace Beacon.Payments.Collection;

/// <summary>
/// Marks an invoice paid — from a charge's answer or from the gateway's webhook, whichever comes first; the other
/// finds it paid and does nothing — and lifts the restriction once no other invoice keeps it.
/// </summary>
internal sealed class PaidInvoices(DunningNotices notices)
{
    private sealed record Overdue(Guid Id, string Number);

    public async Task MarkPaidAsync(TenantTransaction tx, InvoiceRow invoice, string paymentReference, DateTimeOffset now, CancellationToken ct)
    {
        await tx.Connection.ExecuteAsync(new CommandDefinition("""
            UPDATE payments.invoices SET status = 'paid', payment_reference = @paymentReference, paid_at = @now,
                   next_attempt_at = NULL, exhausted = false
             WHERE tenant_id = @tenant AND invoice_id = @invoiceId
            """, new { tenant = tx.TenantId, invoice.InvoiceId, paymentReference, now }, tx.Transaction, cancellationToken: ct));
        tx.Publish(new InvoicePaid(Guid.CreateVersion7(), tx.TenantId, now, invoice.InvoiceId, paymentReference, invoice.AmountCents));

        var standing = await tx.Connection.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition("""
            SELECT invoice_id FROM payments.standing WHERE tenant_id = @tenant AND restricted FOR UPDATE
            """, new { tenant = tx.TenantId }, tx.Transaction, cancellationToken: ct));
        if (standing is null)
        {
            return;
        }

        var stillOverdue = await tx.Connection.QueryFirstOrDefaultAsync<Overdue>(new CommandDefinition("""
            SELECT invoice_id AS Id, number FROM payments.invoices
             WHERE tenant_id = @tenant AND status = 'open' AND exhausted ORDER BY issued_at LIMIT 1
            """, new { tenant = tx.TenantId }, tx.Transaction, cancellationToken: ct));
        if (stillOverdue is { } other)
        {
            await Standing.RestrictAsync(tx, other.Id, Standing.ReasonFor(other.Number), now, ct);
            return;
        }

        await tx.Connection.ExecuteAsync(new CommandDefinition("""
            UPDATE payments.standing SET restricted = false, restored_at = @now WHERE tenant_id = @tenant
            """, new { tenant = tx.TenantId, now }, tx.Transaction, cancellationToken: ct));
        tx.Publish(new BillingRestored(Guid.CreateVersion7(), tx.TenantId, now, invoice.InvoiceId));
        await notices.RestoredAsync(tx, invoice, ct);
    }
}
