using Dapper;
using Npgsql;

namespace Beacon.Billing.Invoices;

internal static class InvoiceReader
{
    private const string Columns = """
        id, to_char(month, 'YYYY-MM') AS month, number, status, currency, plan_code AS PlanCode, subtotal_cents AS SubtotalCents,
        tax_rate_basis_points AS TaxRateBasisPoints, tax_cents AS TaxCents, total_cents AS TotalCents,
        amount_due_cents AS AmountDueCents, rated_at AS RatedAt, issued_at AS IssuedAt, due_at AS DueAt, paid_at AS PaidAt,
        payment_reference AS PaymentReference, failed_attempts AS FailedAttempts, last_failure_reason AS LastFailureReason,
        next_attempt_at AS NextAttemptAt
        """;

    public static async Task<IReadOnlyList<BillingInvoice>> ListAsync(NpgsqlConnection conn, Guid tenant, CancellationToken ct) =>
        [.. await conn.QueryAsync<BillingInvoice>(new CommandDefinition(
            $"SELECT {Columns} FROM billing.invoices WHERE tenant_id = @tenant ORDER BY month DESC", new { tenant }, cancellationToken: ct))];

    public static async Task<BillingInvoiceDetail?> GetAsync(NpgsqlConnection conn, Guid tenant, Guid id, CancellationToken ct)
    {
        var invoice = await conn.QuerySingleOrDefaultAsync<BillingInvoice>(new CommandDefinition(
            $"SELECT {Columns} FROM billing.invoices WHERE tenant_id = @tenant AND id = @id", new { tenant, id }, cancellationToken: ct));
        if (invoice is null)
        {
            return null;
        }

        var lines = await conn.QueryAsync<BillingInvoiceLine>(new CommandDefinition("""
            SELECT line_key AS Key, kind, meter, description, quantity, included, unit_cents AS UnitCents, amount_cents AS AmountCents
              FROM billing.invoice_lines WHERE tenant_id = @tenant AND invoice_id = @id ORDER BY position
            """, new { tenant, id }, cancellationToken: ct));
        return new BillingInvoiceDetail(invoice, [.. lines]);
    }
}
