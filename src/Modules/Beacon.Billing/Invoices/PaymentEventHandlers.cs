using Beacon.Billing.Plans;
using Beacon.Contracts.Billing;
using Beacon.SharedKernel.Database;
using Beacon.SharedKernel.Messaging;
using Dapper;

namespace Beacon.Billing.Invoices;

/// <summary>
/// What payments tells billing about its invoices and the account's standing. The inbox runs each event once; the
/// guards (status, attempt number, time) also make a late or out-of-order event harmless.
/// </summary>
internal sealed class PaymentEventHandlers : IEventHandler<InvoicePaid>, IEventHandler<InvoicePaymentFailed>,
    IEventHandler<BillingRestricted>, IEventHandler<BillingRestored>
{
    public Task HandleAsync(InvoicePaid e, TenantTransaction tx, CancellationToken ct) =>
        tx.Connection.ExecuteAsync(new CommandDefinition("""
            UPDATE billing.invoices SET status = 'paid', paid_at = @at, payment_reference = @ref, next_attempt_at = NULL
             WHERE tenant_id = @tenant AND id = @id AND status = 'open'
            """, new { tenant = tx.TenantId, id = e.InvoiceId, at = e.OccurredAt, @ref = e.PaymentReference }, tx.Transaction,
            cancellationToken: ct));

    public Task HandleAsync(InvoicePaymentFailed e, TenantTransaction tx, CancellationToken ct) =>
        tx.Connection.ExecuteAsync(new CommandDefinition("""
            UPDATE billing.invoices SET failed_attempts = @attempt, last_failure_reason = @reason, next_attempt_at = @next
             WHERE tenant_id = @tenant AND id = @id AND status = 'open' AND failed_attempts < @attempt
            """, new { tenant = tx.TenantId, id = e.InvoiceId, attempt = e.Attempt, reason = e.Reason, next = e.NextAttemptAt },
            tx.Transaction, cancellationToken: ct));

    public Task HandleAsync(BillingRestricted e, TenantTransaction tx, CancellationToken ct) =>
        SubscriptionStore.SetStandingAsync(tx, "restricted", e.Reason, e.InvoiceId, e.OccurredAt, ct);

    public Task HandleAsync(BillingRestored e, TenantTransaction tx, CancellationToken ct) =>
        SubscriptionStore.SetStandingAsync(tx, "good", null, e.InvoiceId, e.OccurredAt, ct);
}
