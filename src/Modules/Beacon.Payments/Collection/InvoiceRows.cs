using Beacon.SharedKernel.Database;
using Dapper;

namespace Beacon.Payments.Collection;

internal sealed record InvoiceRow(Guid InvoiceId, string Number, long AmountCents, string Currency, string Status, int Attempts,
    int DunningStep, DateTimeOffset? NextAttemptAt);

internal sealed record CustomerRow(string GatewayCustomerId, string? PaymentMethodId, string? CardBrand, string? CardLast4);

/// <summary>The reads every collection path starts with; the invoice row is locked so attempts on it never interleave.</summary>
internal static class InvoiceRows
{
    public static Task<InvoiceRow?> LockAsync(TenantTransaction tx, Guid invoiceId, CancellationToken ct) =>
        tx.Connection.QuerySingleOrDefaultAsync<InvoiceRow>(new CommandDefinition("""
            SELECT invoice_id AS InvoiceId, number, amount_cents AS AmountCents, currency, status, attempts,
                   dunning_step AS DunningStep, next_attempt_at AS NextAttemptAt
              FROM payments.invoices WHERE tenant_id = @tenant AND invoice_id = @invoiceId
               FOR UPDATE
            """, new { tenant = tx.TenantId, invoiceId }, tx.Transaction, cancellationToken: ct));

    public static Task<CustomerRow?> CustomerAsync(TenantTransaction tx, CancellationToken ct) =>
        tx.Connection.QuerySingleOrDefaultAsync<CustomerRow>(new CommandDefinition("""
            SELECT gateway_customer_id AS GatewayCustomerId, payment_method_id AS PaymentMethodId, card_brand AS CardBrand,
                   card_last4 AS CardLast4
              FROM payments.customers WHERE tenant_id = @tenant
            """, new { tenant = tx.TenantId }, tx.Transaction, cancellationToken: ct));
}
