using Beacon.Billing.Rating;
using Beacon.SharedKernel.Database;
using Dapper;

namespace Beacon.Billing.Invoices;

internal sealed record InvoiceLock(Guid Id, string Status);

/// <summary>Writes a rated month as its draft invoice (upserted by tenant and month; lines by key) and finalises it.</summary>
internal static class InvoiceStore
{
    /// <summary>The month's invoice, locked: its id and status, or null when none was rated yet.</summary>
    public static Task<InvoiceLock?> LockAsync(TenantTransaction tx, BillingMonth month, CancellationToken ct) =>
        tx.Connection.QuerySingleOrDefaultAsync<InvoiceLock>(new CommandDefinition(
            "SELECT id, status FROM billing.invoices WHERE tenant_id = @tenant AND month = @month::date FOR UPDATE",
            new { tenant = tx.TenantId, month = month.Sql }, tx.Transaction, cancellationToken: ct));

    public static async Task<Guid> SaveDraftAsync(TenantTransaction tx, BillingMonth month, RatedMonth rated, DateTimeOffset now,
        CancellationToken ct)
    {
        var id = await tx.Connection.QuerySingleAsync<Guid>(new CommandDefinition("""
            INSERT INTO billing.invoices (tenant_id, id, month, status, currency, plan_code, subtotal_cents, tax_rate_basis_points,
                                          tax_cents, total_cents, amount_due_cents, rated_at)
            VALUES (@tenant, @id, @month::date, 'draft', @Currency, @PlanCode, @SubtotalCents, @TaxRateBasisPoints, @TaxCents,
                    @TotalCents, @AmountDueCents, @now)
            ON CONFLICT (tenant_id, month) DO UPDATE SET currency = excluded.currency, plan_code = excluded.plan_code,
                subtotal_cents = excluded.subtotal_cents, tax_rate_basis_points = excluded.tax_rate_basis_points,
                tax_cents = excluded.tax_cents, total_cents = excluded.total_cents, amount_due_cents = excluded.amount_due_cents,
                rated_at = excluded.rated_at
            WHERE invoices.status = 'draft'
            RETURNING id
            """, new
        {
            tenant = tx.TenantId,
            id = Guid.CreateVersion7(now),
            month = month.Sql,
            rated.Currency,
            rated.PlanCode,
            rated.SubtotalCents,
            rated.TaxRateBasisPoints,
            rated.TaxCents,
            rated.TotalCents,
            rated.AmountDueCents,
            now,
        }, tx.Transaction, cancellationToken: ct));
        await tx.Connection.ExecuteAsync(new CommandDefinition("""
            DELETE FROM billing.invoice_lines WHERE tenant_id = @tenant AND invoice_id = @id AND NOT (line_key = ANY (@keys))
            """, new { tenant = tx.TenantId, id, keys = rated.Lines.Select(l => l.Key).ToArray() }, tx.Transaction, cancellationToken: ct));
        await tx.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO billing.invoice_lines (tenant_id, invoice_id, line_key, position, kind, meter, description, quantity,
                                               included, unit_cents, amount_cents)
            VALUES (@tenant, @id, @Key, @Position, @Kind, @Meter, @Description, @Quantity, @Included, @UnitCents, @AmountCents)
            ON CONFLICT (tenant_id, invoice_id, line_key) DO UPDATE SET position = excluded.position, kind = excluded.kind,
                meter = excluded.meter, description = excluded.description, quantity = excluded.quantity,
                included = excluded.included, unit_cents = excluded.unit_cents, amount_cents = excluded.amount_cents
            """, rated.Lines.Select((l, i) => new
        {
            tenant = tx.TenantId,
            id,
            l.Key,
            Position = i + 1,
            l.Kind,
            l.Meter,
            l.Description,
            l.Quantity,
            l.Included,
            l.UnitCents,
            l.AmountCents,
        }), tx.Transaction, cancellationToken: ct));
        return id;
    }

    /// <summary>
    /// Allocates the next number of the year in this transaction (so numbers have no gaps: a rolled-back finalisation
    /// gives its number back) and opens the invoice, or marks it paid when nothing is due.
    /// </summary>
    public static Task<string> FinaliseAsync(TenantTransaction tx, Guid id, int year, bool nothingDue, DateTimeOffset now,
        DateTimeOffset dueAt, CancellationToken ct) =>
        tx.Connection.QuerySingleAsync<string>(new CommandDefinition("""
            WITH counter AS (
                INSERT INTO billing.invoice_counters (tenant_id, year, last_number) VALUES (@tenant, @year, 1)
                ON CONFLICT (tenant_id, year) DO UPDATE SET last_number = invoice_counters.last_number + 1
                RETURNING last_number)
            UPDATE billing.invoices i
               SET number = 'INV-' || @year || '-' || lpad(counter.last_number::text, 6, '0'),
                   status = CASE WHEN @nothingDue THEN 'paid' ELSE 'open' END, issued_at = @now, due_at = @dueAt,
                   paid_at = CASE WHEN @nothingDue THEN @now END
              FROM counter
             WHERE i.tenant_id = @tenant AND i.id = @id
            RETURNING i.number
            """, new { tenant = tx.TenantId, id, year, nothingDue, now, dueAt }, tx.Transaction, cancellationToken: ct));
}
