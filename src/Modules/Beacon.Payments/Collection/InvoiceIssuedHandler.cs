using Beacon.Contracts.Billing;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Messaging;
using Dapper;

namespace Beacon.Payments.Collection;

/// <summary>
/// Takes an issued invoice into collection: records it (once, however often the event arrives) and queues the first
/// charge. An invoice of nothing is paid as it stands.
/// </summary>
internal sealed class InvoiceIssuedHandler(PaidInvoices paid, TimeProvider clock) : IEventHandler<InvoiceIssued>
{
    public async Task HandleAsync(InvoiceIssued e, TenantTransaction tx, CancellationToken ct)
    {
        var inserted = await tx.Connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO payments.invoices (tenant_id, invoice_id, number, amount_cents, currency, due_at, status, issued_at, next_attempt_at)
            VALUES (@tenant, @InvoiceId, @Number, @AmountDueCents, @Currency, @DueAt, 'open', @OccurredAt, @now)
            ON CONFLICT DO NOTHING
            """, new { tenant = tx.TenantId, e.InvoiceId, e.Number, e.AmountDueCents, e.Currency, e.DueAt, e.OccurredAt, now = clock.GetUtcNow() },
            tx.Transaction, cancellationToken: ct));
        if (inserted == 0)
        {
            return;
        }

        if (e.AmountDueCents <= 0)
        {
            var invoice = await InvoiceRows.LockAsync(tx, e.InvoiceId, ct);
            await paid.MarkPaidAsync(tx, invoice!, "no_charge", clock.GetUtcNow(), ct);
            return;
        }

        tx.Enqueue(Collector.CollectJob, new CollectPayload(e.InvoiceId, 0));
    }
}
